using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DaoVien.OnlineReception.Realtime.Signalling;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>The ICE servers a browser gets, with time-limited TURN credentials (TURN REST API format, as coturn's use-auth-secret).</summary>
internal sealed class IceServers(IOptions<IceServerOptions> options, TurnServer turn, TimeProvider time)
{
    /// <summary>The RTCPeerConnection's <c>iceTransportPolicy</c>: "relay" only under the test setting <c>Media:Ice:ForceRelay</c>.</summary>
    public string TransportPolicy => options.Value.ForceRelay ? "relay" : "all";

    public IReadOnlyList<IceServerView> For(Guid participantId)
    {
        var o = options.Value;
        var list = new List<IceServerView>();
        if (o.StunUrls.Count > 0)
        {
            list.Add(new IceServerView([.. o.StunUrls], null, null));
        }

        // An external TURN server when one is configured, else the embedded coturn's URLs and secret.
        IReadOnlyList<string> urls = [.. o.TurnUrls];
        var secret = o.TurnSharedSecret;
        if (urls.Count == 0 && turn.Endpoint is { } embedded)
        {
            (urls, secret) = (embedded.Urls, embedded.SharedSecret);
        }

        if (urls.Count > 0 && !string.IsNullOrEmpty(secret))
        {
            var expiry = time.GetUtcNow().AddSeconds(o.TurnCredentialLifetimeSeconds).ToUnixTimeSeconds();
            var username = string.Create(CultureInfo.InvariantCulture, $"{expiry}:{participantId:N}");
            // HMAC-SHA1 is what the TURN REST format and coturn define; the secret never leaves the servers.
#pragma warning disable CA5350
            var credential = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350
            list.Add(new IceServerView([.. urls], username, credential));
        }

        return list;
    }
}
