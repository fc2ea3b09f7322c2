using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Media through the app's embedded coturn only: both browsers are told to use relay candidates alone (the test
/// setting Media:Ice:ForceRelay), and the app runs its own Janus and coturn on the test namespace's veth address.
/// </summary>
public sealed class TurnRelayTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private const string VethAddress = "10.213.0.1";
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;
    private int _turnPort;

    public async ValueTask InitializeAsync()
    {
        Assert.True(JanusServer.IceInterface is not null, "these tests run inside ./test.sh's network namespace (rtc0 = 10.213.0.1)");
        // Ports of this test's own, so a parallel test's coturn can never share them.
        _turnPort = FreePort();
        var relayFrom = 50_000 + (_turnPort % 300 * 50);
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "turn-" + Guid.NewGuid().ToString("N")[..8]),
            new Dictionary<string, string?>
            {
                ["Media:Janus:IceEnforceList"] = JanusServer.IceInterface,
                ["Media:Turn:Enabled"] = "true",
                ["Media:Turn:ListeningAddress"] = VethAddress,
                ["Media:Turn:Port"] = _turnPort.ToString(CultureInfo.InvariantCulture),
                ["Media:Turn:TlsPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
                ["Media:Turn:RelayPortRange"] = string.Create(CultureInfo.InvariantCulture, $"{relayFrom}-{relayFrom + 49}"),
                ["Media:Ice:ForceRelay"] = "true",
            });
        _base = _app.StartOnSocket();
        var turn = _app.Services.GetRequiredService<TurnServer>();
        await Eventually.TrueAsync(() => turn.AnswersAsync(CancellationToken.None), TimeSpan.FromSeconds(30), "embedded coturn answers STUN", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RelayOnlyBrowsers_MediaThroughEmbeddedTurnOverUdp_BothDecodeAndPairsAreRelay()
    {
        // TCP to the TURN port is dropped, so the UDP allocation is the only one: otherwise, on a loaded machine, ICE
        // may settle on whichever allocation answered first, and this test would not know which path it measured.
        await using var block = await BlockToTurnPortAsync("tcp");
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich");
        await parties.AdmitAsync(acknowledge: false);
        await SessionMediaProbe.ExpectDecodingFromAsync(parties.Citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(parties.Chairman, 1);
        foreach (var page in new[] { parties.Citizen, parties.Chairman })
        {
            await ExpectRelayPairsAsync(page, "udp");
        }
    }

    [Fact]
    public async Task UdpToTurnServerBlocked_MediaThroughTurnOverTcp_BothDecodeAndPairsAreRelay()
    {
        // A real block in the namespace's packet filter: every UDP datagram to the TURN port is dropped, so only
        // TURN over TCP can carry the media (the browsers are still offered the UDP URL, and try it).
        await using var block = await BlockToTurnPortAsync("udp");
        Assert.False(await TurnProcess.StunAnswersAsync(new IPEndPoint(IPAddress.Parse(VethAddress), _turnPort), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken),
            "UDP to the TURN server is not blocked");

        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich");
        await parties.AdmitAsync(acknowledge: false);
        await SessionMediaProbe.ExpectDecodingFromAsync(parties.Citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(parties.Chairman, 1);
        foreach (var page in new[] { parties.Citizen, parties.Chairman })
        {
            await ExpectRelayPairsAsync(page, "tcp");
        }
    }

    [Fact]
    public async Task EmbeddedTurn_RelaysToMediaServerAddress_RefusesEveryOtherAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        // /healthz's part for it asks coturn itself (STUN), not just whether a process exists.
        var health = await _app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "turn", ct);
        Assert.Equal(HealthStatus.Healthy, health.Entries["turn"].Status);
        Assert.Equal("embedded coturn", health.Entries["turn"].Description);

        var secret = _app.Services.GetRequiredService<TurnServer>().Endpoint!.SharedSecret;
        var expiry = _app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var user = string.Create(CultureInfo.InvariantCulture, $"{expiry}:probe");
#pragma warning disable CA5350 // the TURN REST format is HMAC-SHA1
        var password = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(user)));
#pragma warning restore CA5350

        // -y: the client relays to its own second allocation, whose address is the media server's (the veth address).
        var toMediaServer = await UclientAsync(ct, "-y", "-e", VethAddress);
        Assert.Contains("Total lost packets 0 (0.000000%)", toMediaServer, StringComparison.Ordinal);
        Assert.DoesNotContain("403", toMediaServer, StringComparison.Ordinal);

        foreach (var other in new[] { "127.0.0.1", "10.213.0.2", "192.168.1.1" })
        {
            var refused = await UclientAsync(ct, "-e", other);
            Assert.Contains("403 (Forbidden IP)", refused, StringComparison.Ordinal);
        }

        async Task<string> UclientAsync(CancellationToken cancellationToken, params string[] args)
        {
            var psi = new ProcessStartInfo("/usr/bin/turnutils_uclient") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["-u", user, "-w", password, "-p", _turnPort.ToString(CultureInfo.InvariantCulture), "-n", "5", "-c", .. args, VethAddress])
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return await stdout + await stderr;
        }
    }

    /// <summary>The selected candidate pair of the page's publisher and subscriber: our side a relay candidate over <paramref name="protocol"/>.</summary>
    private static async Task ExpectRelayPairsAsync(Microsoft.Playwright.IPage page, string protocol)
    {
        const string Script = """
            async () => {
              const st = window.Reception.state;
              const out = [];
              for (const [name, pc] of [['camera', st.publishers.camera], ['subscriber', st.subscriber]]) {
                if (!pc) { out.push({ name, missing: true }); continue; }
                const report = await pc.getStats();
                let pair = null;
                report.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = report.get(s.selectedCandidatePairId); });
                if (!pair) { out.push({ name, missing: true }); continue; }
                const local = report.get(pair.localCandidateId), remote = report.get(pair.remoteCandidateId);
                out.push({ name, missing: false, local: local.candidateType, relayProtocol: local.relayProtocol || '', remote: remote.candidateType, remoteAddress: remote.address || remote.ip || '' });
              }
              return JSON.stringify(out);
            }
            """;
        // ICE may first select whichever relay allocation answered first (under load the TCP one), then moves to the
        // higher-priority UDP pair once that is checked: the selected pairs are read until they settle.
        var settled = await Eventually.ValueAsync(
            async () => await page.EvaluateAsync<string>(Script),
            TimeSpan.FromSeconds(20),
            $"both connections selected a relay pair over {protocol} to the media server",
            TestContext.Current.CancellationToken,
            done: json => IsRelayOver(json, protocol));
        Assert.True(IsRelayOver(settled, protocol), settled);
    }

    private static bool IsRelayOver(string json, string protocol)
    {
        using var doc = JsonDocument.Parse(json);
        var pairs = doc.RootElement.EnumerateArray().ToList();
        return pairs.Count == 2 && pairs.TrueForAll(pair =>
            !pair.GetProperty("missing").GetBoolean()
            && pair.GetProperty("local").GetString() == "relay"
            && pair.GetProperty("relayProtocol").GetString() == protocol
            // The far end is Janus on the veth address, reached through the relay.
            && pair.GetProperty("remoteAddress").GetString() == VethAddress);
    }

    /// <summary>Drops every <paramref name="protocol"/> packet to the TURN port in the namespace's packet filter until disposed.</summary>
    private async Task<IAsyncDisposable> BlockToTurnPortAsync(string protocol)
    {
        var table = string.Create(CultureInfo.InvariantCulture, $"daovien_turn_{protocol}_{_turnPort}");
        await NftAsync("add", "table", "inet", table);
        var block = new NftTable(table);
        try
        {
            await NftAsync("add", "chain", "inet", table, "out", "{ type filter hook output priority 0 ; }");
            await NftAsync("add", "rule", "inet", table, "out", "ip", "daddr", VethAddress, protocol, "dport", _turnPort.ToString(CultureInfo.InvariantCulture), "drop");
            return block;
        }
        catch
        {
            await block.DisposeAsync();
            throw;
        }
    }

    private sealed class NftTable(string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await NftAsync("delete", "table", "inet", name);
    }

    private static async Task NftAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("nft") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"nft {string.Join(' ', args)}: {error}");
    }

    private static int FreePort()
    {
        // Free for UDP and TCP alike: coturn binds both on its listening port.
        for (var attempt = 0; ; attempt++)
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Any, 0));
            var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            try
            {
                using var tcp = new TcpListener(IPAddress.Any, port);
                tcp.Start();
                tcp.Stop();
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
