using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>The address citizens and staff reach the app at (section <c>Reception</c>, key <c>PublicUrl</c>).</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Reception";

    /// <summary>
    /// <c>https://tiepdan.daovien.gov.vn</c>: every absolute link (e-mails, receipts, join links, the iCalendar feed,
    /// OpenAPI) starts with it. Empty → the address the app itself listens on (fine on one machine only).
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Why <paramref name="value"/> cannot be the public URL, or null when it can. A camera or microphone only opens
    /// in a secure context, so plain HTTP is refused for any host but this machine's loopback.
    /// </summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"Reception:PublicUrl '{value}' không phải địa chỉ http(s) tuyệt đối (ví dụ https://tiepdan.daovien.gov.vn).";
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return $"Reception:PublicUrl '{value}' chỉ gồm giao thức, tên miền và cổng (không đường dẫn, không tham số).";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            return $"Reception:PublicUrl '{value}' dùng http:// trên một máy khác máy này: trình duyệt chỉ mở camera và micro qua HTTPS — dùng https://{uri.Authority}.";
        }

        return null;
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}

/// <summary>Builds absolute links from <see cref="PublicUrlOptions.PublicUrl"/>, for every module.</summary>
public sealed class PublicAddress(IOptions<PublicUrlOptions> options, IServer server)
{
    private Uri? _fallback;

    /// <summary>The public base address, ending without a slash: <c>https://tiepdan.daovien.gov.vn</c>.</summary>
    public Uri BaseUri => Configured ?? _fallback ?? Listening();

    /// <summary>The configured public URL, or null in the one-machine default.</summary>
    public Uri? Configured => string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? null : new Uri(options.Value.PublicUrl);

    /// <summary>True when citizens reach the app over HTTPS (every deployment beyond this machine's loopback).</summary>
    public bool IsHttps => BaseUri.Scheme == Uri.UriSchemeHttps;

    /// <summary>The public host name (TURN realm, calendar ids).</summary>
    public string Host => BaseUri.IdnHost;

    /// <summary><paramref name="pathAndQuery"/> (starting with '/') on the public address.</summary>
    public string Link(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (!pathAndQuery.StartsWith('/'))
        {
            throw new ArgumentException("a public link's path starts with '/'", nameof(pathAndQuery));
        }

        return BaseUri.GetLeftPart(UriPartial.Authority) + pathAndQuery;
    }

    // No public URL: the first address Kestrel really listens on (after a port 0 was resolved), a wildcard host
    // made loopback. Read lazily: the server knows its addresses only once it has started.
    private Uri Listening()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var address = (listening ?? "http://127.0.0.1:5080").Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        var uri = new Uri(address);
        if (listening is not null)
        {
            _fallback = uri;
        }

        return uri;
    }
}

/// <summary>Refuses a public URL that cannot work (and the setting it replaced) at start, with one sentence.</summary>
internal sealed class PublicUrlValidation(Microsoft.Extensions.Configuration.IConfiguration configuration) : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Notifications:PublicBaseUrl"]))
        {
            return ValidateOptionsResult.Fail("Notifications:PublicBaseUrl đã được thay bằng Reception:PublicUrl (--public-url): đặt địa chỉ công khai ở đó.");
        }

        return PublicUrlOptions.Problem(options.PublicUrl) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
