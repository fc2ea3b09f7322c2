using System.ComponentModel.DataAnnotations;
using System.Net;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// The app's own TURN server (section <c>Media:Turn</c>): coturn, run and supervised by the app when no external TURN
/// server is configured (<c>Media:Ice:TurnUrls</c> empty) and <see cref="Enabled"/> is on (the default).
/// </summary>
internal sealed class TurnOptions : IValidatableObject
{
    public const string Section = "Media:Turn";

    /// <summary>Run the embedded coturn when <c>Media:Ice:TurnUrls</c> is empty.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The <c>turnserver</c> binary of Debian's package <c>coturn</c>.</summary>
    [Required]
    public string BinaryPath { get; set; } = "/usr/bin/turnserver";

    /// <summary>Local address coturn listens and relays on; empty → every address of the machine.</summary>
    public string? ListeningAddress { get; set; }

    /// <summary>Host name or address browsers use in the TURN URLs; empty → the public URL's host, else the listening address, else the machine's first non-loopback address.</summary>
    public string? Host { get; set; }

    [Range(1, 65_535)]
    public int Port { get; set; } = 3478;

    [Range(1, 65_535)]
    public int TlsPort { get; set; } = 5349;

    /// <summary>UDP ports coturn relays media on (<c>min-max</c>).</summary>
    [Required]
    [RegularExpression(@"^\d{4,5}-\d{4,5}$")]
    public string RelayPortRange { get; set; } = "49152-65535";

    /// <summary>PEM certificate for TURN over TLS; empty → <c>Kestrel:Certificates:Default:Path</c>; neither → no TLS listener.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key for <see cref="CertificatePath"/>; empty → <c>Kestrel:Certificates:Default:KeyPath</c>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// Addresses coturn may relay to besides the embedded Janus's own (which are found from <c>Media:Janus:*</c>);
    /// required with an external Janus, whose media addresses the app cannot know.
    /// </summary>
    public IList<string> AllowedPeerAddresses { get; } = [];

    /// <summary>Pause before restarting a coturn that died (doubled on repeated failures).</summary>
    [Range(0, 60_000)]
    public int RestartDelayMilliseconds { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ListeningAddress) && !IPAddress.TryParse(ListeningAddress, out _))
        {
            yield return new ValidationResult($"Media:Turn:ListeningAddress '{ListeningAddress}' is not an IP address", [nameof(ListeningAddress)]);
        }

        foreach (var address in AllowedPeerAddresses)
        {
            if (!IPAddress.TryParse(address, out _))
            {
                yield return new ValidationResult($"Media:Turn:AllowedPeerAddresses '{address}' is not an IP address", [nameof(AllowedPeerAddresses)]);
            }
        }

        if (Host is { Length: > 0 } host && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult($"Media:Turn:Host '{host}' is not a host name or address", [nameof(Host)]);
        }

        var range = RelayPortRange.Split('-');
        if (range.Length == 2 && int.TryParse(range[0], out var min) && int.TryParse(range[1], out var max) && (min < 1024 || max > 65_535 || min > max))
        {
            yield return new ValidationResult($"Media:Turn:RelayPortRange '{RelayPortRange}' must be 1024-65535 with min ≤ max", [nameof(RelayPortRange)]);
        }

        if (Port == TlsPort)
        {
            yield return new ValidationResult("Media:Turn:Port and Media:Turn:TlsPort must differ", [nameof(TlsPort)]);
        }

        if (string.IsNullOrWhiteSpace(CertificatePath) != string.IsNullOrWhiteSpace(KeyPath))
        {
            yield return new ValidationResult("Media:Turn:CertificatePath and Media:Turn:KeyPath go together", [nameof(KeyPath)]);
        }
    }
}
