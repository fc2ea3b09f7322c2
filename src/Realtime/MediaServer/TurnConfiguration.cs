using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>What the browsers are told about the embedded TURN server: its URLs and the secret their credentials are signed with.</summary>
internal sealed record TurnEndpoint(IReadOnlyList<string> Urls, string SharedSecret);

/// <summary>
/// Everything an embedded coturn is configured with, resolved once from the options at start (a bad setting fails
/// the start with the setting's name, not a relay that silently never works).
/// </summary>
internal sealed record TurnPlan(
    string Realm,
    string UrlHost,
    string? ListeningAddress,
    int Port,
    int TlsPort,
    int MinPort,
    int MaxPort,
    string? CertificatePath,
    string? KeyPath,
    IReadOnlyList<IPAddress> AllowedPeers)
{
    public const string PublicUrlKey = "Reception:PublicUrl";

    public bool Tls => CertificatePath is not null;

    /// <summary>UDP and TCP on the plain port; TLS only with a certificate (a browser cannot use TURNS without one it trusts).</summary>
    public IReadOnlyList<string> Urls
    {
        get
        {
            var host = UrlHost.Contains(':', StringComparison.Ordinal) ? $"[{UrlHost}]" : UrlHost;
            var port = Port.ToString(CultureInfo.InvariantCulture);
            var list = new List<string> { $"turn:{host}:{port}?transport=udp", $"turn:{host}:{port}?transport=tcp" };
            if (Tls)
            {
                list.Add($"turns:{host}:{TlsPort.ToString(CultureInfo.InvariantCulture)}?transport=tcp");
            }

            return list;
        }
    }

    public static TurnPlan Resolve(TurnOptions turn, JanusOptions janus, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(janus);
        ArgumentNullException.ThrowIfNull(configuration);
        var publicHost = PublicHost(configuration);
        var listening = string.IsNullOrWhiteSpace(turn.ListeningAddress) ? null : IPAddress.Parse(turn.ListeningAddress).ToString();

        var peers = new List<IPAddress>(turn.AllowedPeerAddresses.Select(IPAddress.Parse));
        if (janus.Url is null)
        {
            peers.AddRange(JanusAddresses(janus));
        }
        else if (peers.Count == 0)
        {
            throw new InvalidOperationException(
                "Media:Turn:AllowedPeerAddresses is required with an external Janus (Media:Janus:Url): list the addresses that Janus offers media on, the only ones the embedded TURN server may relay to.");
        }

        // No address at all (a machine with loopback only) is not a setting's fault: the plan says so and the TURN
        // server reports it on /healthz instead of failing the app's start.
        peers = [.. peers.Distinct()];
        var urlHost = FirstNonEmpty(turn.Host, publicHost, listening)
            ?? peers.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString()
            ?? peers.FirstOrDefault()?.ToString()
            ?? "127.0.0.1";
        var realm = FirstNonEmpty(publicHost, turn.Host, listening) ?? "daovien-reception";

        var certificate = FirstNonEmpty(turn.CertificatePath, configuration["Kestrel:Certificates:Default:Path"]);
        var key = FirstNonEmpty(turn.KeyPath, configuration["Kestrel:Certificates:Default:KeyPath"]);
        if (certificate is not null && key is null)
        {
            throw new InvalidOperationException($"TURN over TLS needs the private key of {certificate}: set Media:Turn:KeyPath (or Kestrel:Certificates:Default:KeyPath).");
        }

        foreach (var file in new[] { certificate, key })
        {
            if (file is not null && !File.Exists(file))
            {
                throw new InvalidOperationException($"TURN over TLS: {file} does not exist (Media:Turn:CertificatePath/KeyPath or Kestrel:Certificates:Default:Path/KeyPath).");
            }
        }

        var range = turn.RelayPortRange.Split('-');
        return new TurnPlan(realm, urlHost, listening, turn.Port, turn.TlsPort,
            int.Parse(range[0], CultureInfo.InvariantCulture), int.Parse(range[1], CultureInfo.InvariantCulture),
            certificate is null ? null : Path.GetFullPath(certificate), key is null ? null : Path.GetFullPath(key), peers);
    }

    /// <summary>
    /// The addresses the embedded Janus offers ICE candidates on, i.e. where a relayed browser's media must go: the
    /// interfaces of <c>ice_enforce_list</c> (an item matches an interface name or an address by prefix, as Janus
    /// matches it) or, without one, every non-loopback interface but the <c>vmnet</c> ones Janus ignores; plus the 1:1
    /// NAT address Janus announces (a browser pairs with whichever of them it got).
    /// </summary>
    public static IReadOnlyList<IPAddress> JanusAddresses(JanusOptions janus)
    {
        ArgumentNullException.ThrowIfNull(janus);
        var enforce = (janus.IceEnforceList ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = new List<IPAddress>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback || nic.OperationalStatus == OperationalStatus.Down)
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal)
                {
                    continue;
                }

                var text = address.ToString();
                var wanted = enforce.Length > 0
                    ? enforce.Any(e => nic.Name.StartsWith(e, StringComparison.Ordinal) || text.StartsWith(e, StringComparison.Ordinal))
                    : !nic.Name.StartsWith("vmnet", StringComparison.Ordinal);
                if (wanted)
                {
                    result.Add(address);
                }
            }
        }

        foreach (var nat in (janus.NatOneToOneAddress ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IPAddress.TryParse(nat, out var address))
            {
                throw new InvalidOperationException($"Media:Janus:NatOneToOneAddress '{nat}' is not an IP address.");
            }

            result.Add(address);
        }

        return result;
    }

    /// <summary>The public URL's host (<c>Reception:PublicUrl</c>), or null when it is not set.</summary>
    private static string? PublicHost(IConfiguration configuration)
    {
        var value = configuration[PublicUrlKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.IdnHost)
            ? uri.IdnHost
            : throw new InvalidOperationException($"{PublicUrlKey} '{value}' is not an absolute URL.");
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}

/// <summary>Writes coturn's configuration file: the only place the shared secret is written to.</summary>
internal static class TurnConfiguration
{
    public const string FileName = "turnserver.conf";

    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Write(string folder, TurnPlan plan, string sharedSecret)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(folder);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"# Generated by the app on each start of its embedded coturn; edits are overwritten.\n");
        if (plan.ListeningAddress is { } listening)
        {
            text.Append(c, $"listening-ip={listening}\nrelay-ip={listening}\n");
        }

        text.Append(c, $"listening-port={plan.Port}\n");
        if (plan.Tls)
        {
            text.Append(c, $"tls-listening-port={plan.TlsPort}\ncert={plan.CertificatePath}\npkey={plan.KeyPath}\n");
        }
        else
        {
            text.Append("no-tls\n");
        }

        // Browsers use TURN over UDP, TCP or TLS; DTLS to the TURN server is something none of them speaks.
        text.Append("no-dtls\n");
        text.Append(c, $"min-port={plan.MinPort}\nmax-port={plan.MaxPort}\n");
        text.Append(c, $"use-auth-secret\nstatic-auth-secret={sharedSecret}\nrealm={plan.Realm}\n");
        text.Append("fingerprint\nno-cli\nno-multicast-peers\n");
        // WebRTC relays UDP only; TCP relay allocations (RFC 6062) would let a client open TCP connections from here.
        text.Append("no-tcp-relay\n");
        text.Append("no-software-attribute\n");
        // Nothing but the media server may be reached through this relay: not the ward's network, not this
        // machine's other services. allowed-peer-ip takes precedence over denied-peer-ip in coturn.
        text.Append("denied-peer-ip=0.0.0.0-255.255.255.255\n");
        text.Append("denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\n");
        foreach (var peer in plan.AllowedPeers)
        {
            text.Append(c, $"allowed-peer-ip={peer}\n");
        }

        text.Append(c, $"pidfile={Path.Combine(folder, "turnserver.pid")}\n");
        text.Append(c, $"log-file={Path.Combine(folder, "turnserver.log")}\n");
        // One file by the given name (not one per day with the date in it), nothing on stdout.
        text.Append("simple-log\nno-stdout-log\n");

        var path = Path.Combine(folder, FileName);
        // The file holds the shared secret: owner-only from the moment it exists.
        File.WriteAllText(path, string.Empty);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
