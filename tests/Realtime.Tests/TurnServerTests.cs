using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Tests;

public sealed class TurnServerTests
{
    private static readonly TurnPlan Plan = new("tiepdan.test", "tiepdan.test", "127.0.0.1", 3478, 5349, 49152, 49200, null, null, [IPAddress.Parse("10.213.0.1")]);

    [Fact]
    public void Write_GeneratedConfig_OwnerOnly_DeniesEveryPeerButTheMediaServer()
    {
        var folder = Directory.CreateTempSubdirectory("turn-conf-").FullName;
        var path = TurnConfiguration.Write(folder, Plan, "s3cret-value");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var lines = File.ReadAllLines(path).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(
            [
                "listening-ip=127.0.0.1", "relay-ip=127.0.0.1", "listening-port=3478", "no-tls", "no-dtls",
                "min-port=49152", "max-port=49200", "use-auth-secret", "static-auth-secret=s3cret-value", "realm=tiepdan.test",
                "fingerprint", "no-cli", "no-multicast-peers", "no-tcp-relay", "no-software-attribute",
                "denied-peer-ip=0.0.0.0-255.255.255.255", "denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "allowed-peer-ip=10.213.0.1",
                $"pidfile={folder}/turnserver.pid", $"log-file={folder}/turnserver.log", "simple-log", "no-stdout-log",
            ],
            lines);
        Assert.Equal(["turn:tiepdan.test:3478?transport=udp", "turn:tiepdan.test:3478?transport=tcp"], Plan.Urls);
    }

    [Fact]
    public void Write_WithCertificate_ListensForTlsAndOffersTurns()
    {
        var plan = Plan with { CertificatePath = "/etc/tiepdan/cert.pem", KeyPath = "/etc/tiepdan/key.pem" };
        var text = File.ReadAllText(TurnConfiguration.Write(Directory.CreateTempSubdirectory("turn-conf-").FullName, plan, "x"));

        Assert.Contains("tls-listening-port=5349\ncert=/etc/tiepdan/cert.pem\npkey=/etc/tiepdan/key.pem\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no-tls", text, StringComparison.Ordinal);
        Assert.Contains("turns:tiepdan.test:5349?transport=tcp", plan.Urls);
    }

    [Fact]
    public void Resolve_RealmFromPublicUrl_PeersFromJanusNatAddress_TlsFromKestrelCertificate()
    {
        var folder = Directory.CreateTempSubdirectory("turn-cert-").FullName;
        var cert = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        File.WriteAllText(cert, "");
        File.WriteAllText(key, "");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reception:PublicUrl"] = "https://tiepdan.daovien.gov.vn",
            ["Kestrel:Certificates:Default:Path"] = cert,
            ["Kestrel:Certificates:Default:KeyPath"] = key,
        }).Build();
        // An interface name no machine has: only the 1:1 NAT address is left of what Janus offers.
        var janus = new JanusOptions { IceEnforceList = "no-such-if0", NatOneToOneAddress = "203.0.113.7" };

        var plan = TurnPlan.Resolve(new TurnOptions(), janus, configuration);

        Assert.Equal("tiepdan.daovien.gov.vn", plan.Realm);
        Assert.Equal("tiepdan.daovien.gov.vn", plan.UrlHost);
        Assert.Equal([IPAddress.Parse("203.0.113.7")], plan.AllowedPeers);
        Assert.Equal(cert, plan.CertificatePath);
        Assert.Contains("turns:tiepdan.daovien.gov.vn:5349?transport=tcp", plan.Urls);
    }

    [Fact]
    public void Resolve_ExternalJanusWithoutAllowedPeers_RefusedNamingTheSetting()
    {
        var janus = new JanusOptions { Url = new Uri("ws://10.0.0.9:8188") };
        var ex = Assert.Throws<InvalidOperationException>(() => TurnPlan.Resolve(new TurnOptions(), janus, new ConfigurationBuilder().Build()));
        Assert.Contains("Media:Turn:AllowedPeerAddresses", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnServer_CoturnKilled_RestartedInItsOwnSession_StoppedOnExit_SecretNeverLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("turn-run-").FullName;
        var port = FreeUdpPort();
        var turnOptions = new TurnOptions { ListeningAddress = "127.0.0.1", Port = port, TlsPort = port == 65_535 ? 1 : port + 1, RelayPortRange = "61000-61049", RestartDelayMilliseconds = 100 };
        turnOptions.AllowedPeerAddresses.Add("127.0.0.1");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reception:DataDirectory"] = data }).Build();
        var logs = new CollectingLogger();
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var turn = new TurnServer(Options.Create(turnOptions), Options.Create(new JanusOptions { Url = new Uri("ws://127.0.0.1:1") }),
            Options.Create(new IceServerOptions()), configuration, lifetime, logs);

        await turn.StartAsync(ct);
        int first;
        try
        {
            await Eventually.TrueAsync(() => turn.AnswersAsync(ct), TimeSpan.FromSeconds(20), "coturn answers STUN", ct);
            first = turn.ProcessId!.Value;
            // Its own session: a terminal's Ctrl+C to the app's process group does not reach it.
            Assert.Equal(first, SessionId(first));
            Assert.NotEqual(SessionId(Environment.ProcessId), SessionId(first));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "turn", TurnConfiguration.FileName)));

            using (var coturn = Process.GetProcessById(first))
            {
                coturn.Kill();
            }

            await Eventually.TrueAsync(async () => turn.ProcessId is { } p && p != first && await turn.AnswersAsync(ct), TimeSpan.FromSeconds(20), "a new coturn answers", ct);
        }
        finally
        {
            await turn.StopAsync(ct);
        }

        Assert.Null(turn.ProcessId);
        Assert.False(File.Exists($"/proc/{first.ToString(CultureInfo.InvariantCulture)}/cmdline") && TurnProcess.RunsConfiguration(first, Path.Combine(data, "turn", TurnConfiguration.FileName)));
        var secret = turn.Endpoint!.SharedSecret;
        Assert.Contains(logs.Lines, l => l.Contains("Embedded TURN server started", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("exited; restarting", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(Path.Combine(data, "turn", "turnserver.log"), ct), StringComparison.Ordinal);
    }

    [Fact]
    public void JanusConfiguration_BehindOneToOneNat_AnnouncesPublicAddressAndKeepsPrivateForTheLocalRelay()
    {
        var folder = Directory.CreateTempSubdirectory("janus-nat-").FullName;
        JanusConfiguration.Write(folder, new JanusOptions { IceEnforceList = "eth0", NatOneToOneAddress = "203.0.113.7" }, 8188);

        var text = File.ReadAllText(Path.Combine(folder, "janus.jcfg"));
        Assert.Contains("\tice_enforce_list = \"eth0\"\n\tnat_1_1_mapping = \"203.0.113.7\"\n\tkeep_private_host = true\n", text, StringComparison.Ordinal);
    }

    /// <summary>The session id (field 6 of /proc/PID/stat, after the parenthesised command name).</summary>
    private static int SessionId(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3], CultureInfo.InvariantCulture);
    }

    private static int FreeUdpPort()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
    }

    private sealed class CollectingLogger : ILogger<TurnServer>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception) + exception);
            }
        }
    }
}
