using System.Text.Json;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.Recording;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// The app goes down in the middle of a recorded session (its embedded Janus killed with it, nothing ended) and is
/// started again on the same database and data folder: the session is closed as interrupted and what was recorded up
/// to the crash is archived, the crash visible in the manifest; the chairman records the outcome afterwards.
/// </summary>
public sealed class AppCrashTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Media:Janus:IceEnforceList"] = JanusServer.IceInterface,
        ["Media:Recording:RecordByDefault"] = "true",
    };

    private string _database = null!;
    private string _dataDirectory = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await server.CreateDatabaseAsync();
        _dataDirectory = Path.Combine(server.RootDirectory, "crash-" + Guid.NewGuid().ToString("N")[..8]);
    }

    [Fact]
    public async Task AppDiesMidSession_NextStartArchivesRecordingUpToCrash_ChairmanRecordsOutcomeLaterAndCaseGetsArchive()
    {
        var ct = TestContext.Current.CancellationToken;
        Guid sessionId;
        await using (var first = ReceptionAppFactory.Create(_database, _dataDirectory, _settings).WithSystemClock())
        {
            var baseAddress = first.StartOnSocket();
            await using var parties = await WaitingCitizen.StartAsync(first, baseAddress, browser, "chutich.sapnguon");
            sessionId = await parties.AdmitAsync(acknowledge: true);
            await SessionMediaProbe.ExpectDecodingFromAsync(parties.Citizen, 1);
            await SessionMediaProbe.ExpectDecodingFromAsync(parties.Chairman, 1);
            var raw = first.Services.GetRequiredService<RecordingPaths>().RawFolder(sessionId);
            await Eventually.TrueAsync(() => Directory.GetFiles(raw, "*.mjr").Length >= 4, TimeSpan.FromSeconds(20), "four tracks recording", ct);
            // Some conversation on record before the crash.
            await Task.Delay(TimeSpan.FromSeconds(6), ct);

            // The crash: the host goes away with the session open (nobody ends it) and its Janus is killed with it.
        }

        await using var restarted = ReceptionAppFactory.Create(_database, _dataDirectory, _settings).WithSystemClock();
        var address = restarted.StartOnSocket();
        var session = await restarted.WithScopeAsync(sp => sp.GetRequiredService<RealtimeDbContext>().Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct));
        Assert.Equal(SessionState.Crashed, session.State);
        Assert.Null(session.Outcome);

        var job = await restarted.JobFinishedAsync(sessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        Assert.Equal(SessionEndKind.Crashed, job.EndKind);
        var folder = restarted.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(job.ArchiveId!.Value);
        var manifest = JsonSerializer.Deserialize<ArchiveManifest>(await File.ReadAllTextAsync(Path.Combine(folder, ArchiveManifest.FileName), ct), ArchiveManifest.Json)!;
        Assert.Equal("Crashed", manifest.SessionEnd);

        // Both participants' audio and video up to the crash are kept, and the composite covers them.
        var recorded = manifest.Participants.Where(p => p.ParticipantId is not null).ToList();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, p => Assert.Equal(["audio", "video"], p.Tracks.Select(t => t.Kind).Distinct().Order()));
        Assert.All(recorded.SelectMany(p => p.Tracks), t => Assert.True(t.DurationSeconds >= 5, $"{t.Kind} track of {t.DurationSeconds} s"));
        var media = await FFProbe.AnalyseAsync(Path.Combine(folder, "composite.mp4"), cancellationToken: ct);
        Assert.True(media.Duration.TotalSeconds >= 5, $"composite of {media.Duration.TotalSeconds} s");

        // The time between the crash and the restart is a gap of its own, from the last media written.
        var crash = Assert.Single(manifest.Gaps, g => g.Kind == "Crashed");
        Assert.Equal(manifest.MediaEndedAt, crash.From);
        Assert.Equal(manifest.SessionEndedAt, crash.To);

        // The chairman finds the interrupted session, with its recording, and records its outcome afterwards: it enters
        // the reception book, the case is opened and the archive of what was said is attached to it.
        await using var context = await browser.NewContextAsync(address);
        var presiding = await context.NewPageAsync();
        await presiding.SignInAsync("chutich.sapnguon", "Chairman-pass-1");
        await presiding.GotoAsync("/Console");
        await presiding.GetByTestId("interrupted-link").GetByRole(AriaRole.Link).ClickAsync();
        var row = presiding.Locator($"tr[data-session='{sessionId}']");
        await Assertions.Expect(row.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/Recordings/Archive?id={job.ArchiveId:N}");
        await row.Locator("select[name='Input.Outcome']").SelectOptionAsync(((int)SessionOutcome.CaseAccepted).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.Locator("textarea[name='Input.Note']").FillAsync("Đã gọi điện lại cho công dân, tiếp nhận đơn");
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(presiding.GetByTestId("interrupted-message")).ToBeVisibleAsync();
        await Assertions.Expect(presiding.Locator($"tr[data-session='{sessionId}']")).ToHaveCountAsync(0);

        var caseRef = await restarted.WithScopeAsync(sp => sp.GetRequiredService<ICaseHistoryReader>().ForSessionAsync(sessionId, ct));
        Assert.NotNull(caseRef);
        Assert.Equal(caseRef.CaseId, (await restarted.CaseLinkAsync(sessionId, ct)).CaseId);
        var entry = await restarted.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Receptions.AsNoTracking().SingleAsync(r => r.SessionId == sessionId, ct));
        Assert.Contains("gián đoạn", entry.Notes, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
