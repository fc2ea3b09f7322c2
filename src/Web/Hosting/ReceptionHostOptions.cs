namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>Host-level settings (section <c>Reception</c>).</summary>
internal sealed class ReceptionHostOptions
{
    public const string Section = "Reception";

    /// <summary>Where the embedded database, generated secrets and archives live. Default: <c>./.data</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>PostgreSQL binaries folder for the embedded cluster; default: newest under /usr/lib/postgresql.</summary>
    public string? PostgresBinDirectory { get; set; }

    public static string ResolveDataDirectory(string? configured) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(Directory.GetCurrentDirectory(), ".data") : configured);
}
