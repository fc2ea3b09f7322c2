using System.Diagnostics;
using System.Net;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Realtime.Tests;

public sealed class MediaServerSupervisionTests(PostgresServer server) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "rt-" + Guid.NewGuid().ToString("N")[..8]));

    [Fact]
    public async Task EmbeddedJanus_KilledDuringRun_IsRestartedAndHealthReportsMediaUp()
    {
        using var client = _app.CreateClient();
        var gateway = _app.Services.GetRequiredService<JanusGateway>();
        await Eventually.TrueAsync(() => gateway.IsConnected, TimeSpan.FromSeconds(30), "connected to Janus", TestContext.Current.CancellationToken);

        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            var body = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"media\"", body, StringComparison.Ordinal);
        }

        // Only VideoRoom and WebSocket were given to Janus, on loopback, with generated secrets.
        var conf = Path.Combine(_app.DataDirectory, "janus", "conf");
        Assert.Equal(["libjanus_videoroom.so"], Directory.GetFiles(Path.Combine(conf, "plugins")).Select(Path.GetFileName));
        Assert.Equal(["libjanus_websockets.so"], Directory.GetFiles(Path.Combine(conf, "transports")).Select(Path.GetFileName));
        Assert.Contains("ws_ip = \"127.0.0.1\"", await File.ReadAllTextAsync(Path.Combine(conf, "janus.transport.websockets.jcfg"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("admin_key = ", await File.ReadAllTextAsync(Path.Combine(conf, "janus.plugin.videoroom.jcfg"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var generation = gateway.Generation;
        var pid = gateway.EmbeddedProcessId!.Value;
        using (var janus = Process.GetProcessById(pid))
        {
            janus.Kill();
        }

        await Eventually.TrueAsync(() => gateway.Generation > generation && gateway.IsConnected && gateway.EmbeddedProcessId is { } p && p != pid, TimeSpan.FromSeconds(30), "a new Janus process connected", TestContext.Current.CancellationToken);
        using var after = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task StartAsync_JanusLeftByKilledApp_StoppedFirst_UnrelatedProcessWithItsNumberUntouched()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("janus-left-").FullName;
        // What a SIGKILLed app leaves: its Janus still running on the folder (nobody disposes it here).
        var leftover = await JanusProcess.StartAsync(folder, new JanusOptions(), ct);
        await using (var next = await JanusProcess.StartAsync(folder, new JanusOptions(), ct))
        {
            Assert.True(leftover.HasExited, "the Janus left by the killed app is still running");
            Assert.NotEqual(leftover.ProcessId, next.ProcessId);
            Assert.Equal(next.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), await File.ReadAllTextAsync(Path.Combine(folder, JanusProcess.PidFileName), ct));
        }

        await leftover.DisposeAsync();

        // A stale pid file whose number now belongs to some other process: that process is not ours to stop.
        using var other = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        await File.WriteAllTextAsync(Path.Combine(folder, JanusProcess.PidFileName), other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        await using (var again = await JanusProcess.StartAsync(folder, new JanusOptions(), ct))
        {
            Assert.False(other.HasExited);
        }

        other.Kill();
    }

    [Fact]
    public async Task VideoRoom_CreateWithoutAdminKey_IsRefusedByJanus()
    {
        var gateway = _app.Services.GetRequiredService<JanusGateway>();
        await Eventually.TrueAsync(() => gateway.IsConnected, TimeSpan.FromSeconds(30), "connected to Janus", TestContext.Current.CancellationToken);
        var session = await gateway.CreateSessionAsync(TestContext.Current.CancellationToken);
        var handle = await gateway.AttachVideoRoomAsync(session, null, TestContext.Current.CancellationToken);
        // Janus answers janus:"success" with an error_code inside plugindata: the client must turn that into an error.
        var error = await Assert.ThrowsAsync<JanusException>(() => gateway.MessageAsync(session, handle,
            new System.Text.Json.Nodes.JsonObject { ["request"] = "create", ["room"] = 4242, ["permanent"] = false }, null, null, false, TestContext.Current.CancellationToken));
        Assert.NotEqual(0, error.Code);
        await gateway.DestroySessionAsync(session, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
