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

    /// <summary>
    /// A certificate (PEM) whose RSA key encrypts the Data Protection key ring at rest (<c>&lt;data&gt;/keys</c>):
    /// keep it outside the data folder (e.g. <c>/etc/daovien-reception</c>), so a copy of that folder alone cannot
    /// forge staff cookies or open outbox bodies. Empty → the ring is stored unencrypted and the app warns at start.
    /// </summary>
    public string? KeyRingCertificatePath { get; set; }

    /// <summary>The private key (PEM) of <see cref="KeyRingCertificatePath"/>; empty → it is in that file.</summary>
    public string? KeyRingCertificateKeyPath { get; set; }

    public static string ResolveDataDirectory(string? configured) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(Directory.GetCurrentDirectory(), ".data") : configured);
}
