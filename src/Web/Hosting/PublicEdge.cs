using System.Net;
using DaoVien.OnlineReception.Scheduling;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// How the app meets the internet: the client's address and scheme from a trusted reverse proxy only, HTTPS
/// redirection and HSTS once the public address is HTTPS, and cookies that never travel in clear text there.
/// TLS itself is Kestrel's standard configuration (<c>Kestrel:Certificates:Default:Path</c>/<c>KeyPath</c>) or the
/// proxy's; see docs/deploy.md and docs/adr/0003.
/// </summary>
internal static partial class PublicEdge
{
    public static void AddPublicEdge(this WebApplicationBuilder builder)
    {
        var host = builder.Configuration.GetSection(ReceptionHostOptions.Section).Get<ReceptionHostOptions>() ?? new ReceptionHostOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: the framework's default trusts loopback, which would let anything on this
            // machine claim any client address. Each hop is checked against the list, so a client cannot prepend a
            // forged address to what the proxy appends.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = null;
            foreach (var proxy in host.TrustedProxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var ip)
                    ? ip
                    : throw new StartupException($"Reception:TrustedProxies: '{proxy}' không phải địa chỉ IP."));
            }

            foreach (var network in host.TrustedNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var net)
                    ? net
                    : throw new StartupException($"Reception:TrustedNetworks: '{network}' không phải mạng CIDR (ví dụ 10.0.0.0/24)."));
            }
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(host.HstsMaxAgeDays);
            o.IncludeSubDomains = false;
        });
        builder.Services.AddOptions<HttpsRedirectionOptions>().Configure<PublicAddress>((o, address) =>
        {
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            if (address.Configured is { Scheme: "https" } url)
            {
                o.HttpsPort = url.Port;
            }
        });

        // Outside Development a cookie is Secure whenever citizens reach the app over HTTPS, which is every
        // deployment another machine can reach (a plain-HTTP public URL is refused unless it is loopback).
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<PublicAddress, IHostEnvironment>((o, address, env) => o.Cookie.SecurePolicy = SecurePolicy(address, env));
        builder.Services.AddOptions<AntiforgeryOptions>()
            .PostConfigure<PublicAddress, IHostEnvironment>((o, address, env) => o.Cookie.SecurePolicy = SecurePolicy(address, env));
    }

    private static CookieSecurePolicy SecurePolicy(PublicAddress address, IHostEnvironment env) =>
        !env.IsDevelopment() && address.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>First in the pipeline: everything after it (logs, rate limits, cookies, redirects) sees the real client.</summary>
    public static void UsePublicEdge(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.Use(AddSecurityHeaders);
        var address = app.Services.GetRequiredService<PublicAddress>();
        if (address.Configured is { Scheme: "https" })
        {
            if (!app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }

            // A request from this machine itself (a health probe, an operator's curl) keeps plain HTTP; one relayed
            // by a trusted proxy carries the client's address by now, so it is redirected like any other.
            app.UseWhen(ctx => ctx.Connection.RemoteIpAddress is { } ip && !IPAddress.IsLoopback(ip), b => b.UseHttpsRedirection());
        }
        else
        {
            app.Lifetime.ApplicationStarted.Register(() => WarnIfReachableOverHttp(app, address));
        }
    }

    // No page has inline script, handler or style (data for scripts travels in <script type="application/json">,
    // which CSP does not execute), so the policy can be strict. Camera and microphone for this origin only.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static Task AddSecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next();
    }

    private static void WarnIfReachableOverHttp(WebApplication app, PublicAddress address)
    {
        var exposed = app.Urls.Where(u => Uri.TryCreate(u.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp && !PublicUrlOptions.IsLoopback(uri)).ToList();
        if (exposed.Count > 0 && address.Configured is null)
        {
            LogPlainHttp(app.Logger, string.Join(' ', exposed), address.BaseUri);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on {Urls} over plain HTTP without Reception:PublicUrl: links use {BaseUri}, and browsers on other machines cannot open a camera without HTTPS (see docs/deploy.md)")]
    private static partial void LogPlainHttp(ILogger logger, string urls, Uri baseUri);
}
