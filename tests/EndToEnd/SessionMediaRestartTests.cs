using System.Diagnostics;
using System.Text.Json;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.Recording;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// The app's own (embedded) Janus dies mid-session: the app restarts it, both sides get back in, and the archive keeps
/// what was recorded on both sides of the restart with the restart as a gap in its manifest.
/// </summary>
public sealed class SessionMediaRestartTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-" + Guid.NewGuid().ToString("N")[..8]),
                new Dictionary<string, string?>
                {
                    ["Media:Janus:IceEnforceList"] = JanusServer.IceInterface,
                    ["Media:Recording:RecordByDefault"] = "true",
                }).WithSystemClock();
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task EmbeddedJanusKilledDuringSession_AppRestartsIt_ParticipantsBackAndArchiveShowsRestartGap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich");
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        var sessionId = await parties.AdmitAsync(acknowledge: true);
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        var rawFolder = _app.Services.GetRequiredService<RecordingPaths>().RawFolder(sessionId);
        // Both participants' audio and video are being written before the kill.
        await Eventually.TrueAsync(() => Directory.GetFiles(rawFolder, "*.mjr").Length >= 4, TimeSpan.FromSeconds(20), "four tracks recording", ct);
        var beforeKill = Directory.GetFiles(rawFolder, "*.mjr").ToHashSet();

        var gateway = _app.Services.GetRequiredService<JanusGateway>();
        var generation = gateway.Generation;
        using (var janus = Process.GetProcessById(gateway.EmbeddedProcessId!.Value))
        {
            janus.Kill();
        }

        await Eventually.TrueAsync(() => gateway.Generation > generation && gateway.IsConnected, TimeSpan.FromSeconds(30), "Janus restarted and connected", ct);
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        Assert.NotEqual(generation, gateway.Generation);
        // The recreated room records again, into new files: nothing written before the restart is overwritten.
        await Eventually.TrueAsync(() => Directory.GetFiles(rawFolder, "*.mjr").Except(beforeKill).Count() >= 4, TimeSpan.FromSeconds(30), "four new tracks after the restart", ct);

        await chairman.GetByTestId("end-outcome").SelectOptionAsync("0");
        await chairman.GetByTestId("end-submit").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("session-finished")).ToBeVisibleAsync();

        var job = await _app.JobFinishedAsync(sessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        var folder = _app.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(job.ArchiveId!.Value);
        var manifest = JsonSerializer.Deserialize<ArchiveManifest>(await File.ReadAllTextAsync(Path.Combine(folder, ArchiveManifest.FileName), ct), ArchiveManifest.Json)!;

        // The restart is a gap from the end of what was recorded before it to the first media after it, and each
        // participant's media is kept on both sides of it.
        var restart = Assert.Single(manifest.Gaps, g => g.Kind == "MediaServerRestarted");
        Assert.NotNull(restart.To);
        Assert.True(restart.From < restart.To, $"{restart.From:O} .. {restart.To:O}");
        Assert.InRange(restart.From, manifest.SessionStartedAt, manifest.SessionEndedAt);
        foreach (var participant in manifest.Participants.Where(p => p.ParticipantId is not null))
        {
            var video = participant.Tracks.Where(t => t.Kind == "video").ToList();
            Assert.Contains(video, t => t.FirstPacketAt < restart.From);
            Assert.Contains(video, t => t.FirstPacketAt >= restart.To);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
