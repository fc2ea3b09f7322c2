using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// STUN/TURN servers the browsers use (section <c>Media:Ice</c>). TURN credentials follow the TURN REST format
/// (coturn's <c>use-auth-secret</c>): user name <c>expiry:participant</c>, password HMAC-SHA1 of it with the shared secret.
/// </summary>
internal sealed class IceServerOptions
{
    public const string Section = "Media:Ice";

    public IList<string> StunUrls { get; } = [];

    /// <summary>An external TURN server's URLs; empty → the embedded coturn (<c>Media:Turn</c>) when it is enabled.</summary>
    public IList<string> TurnUrls { get; } = [];

    /// <summary>coturn's <c>static-auth-secret</c>; required when <see cref="TurnUrls"/> is set.</summary>
    public string? TurnSharedSecret { get; set; }

    [Range(60, 86_400)]
    public int TurnCredentialLifetimeSeconds { get; set; } = 3600;

    /// <summary>
    /// Tests and TURN diagnosis only: browsers are told to use relay candidates alone (<c>iceTransportPolicy: "relay"</c>),
    /// so media must go through TURN. Never for citizens: it adds a hop to every call.
    /// </summary>
    public bool ForceRelay { get; set; }
}
