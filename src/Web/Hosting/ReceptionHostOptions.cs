namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>Host-level settings (section <c>Reception</c>).</summary>
internal sealed class ReceptionHostOptions
{
    public const string Section = "Reception";

    /// <summary>Where the embedded database, generated secrets and archives live. Default: <c>./.data</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>PostgreSQL binaries folder for the embedded cluster; default: newest under /usr/lib/postgresql.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>
    /// Reverse proxies (IP addresses) whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed: the client's
    /// address and scheme then come from them. Empty (with <see cref="TrustedNetworks"/>) → forwarded headers are ignored.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/24</c>) whose proxies are believed, as <see cref="TrustedProxies"/>.</summary>
    public IList<string> TrustedNetworks { get; } = [];

    /// <summary><c>Strict-Transport-Security</c> max-age sent on HTTPS responses (outside Development).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 63_072_000)]
    public int HstsMaxAgeDays { get; set; } = 365;

    public static string ResolveDataDirectory(string? configured) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(Directory.GetCurrentDirectory(), ".data") : configured);
}
