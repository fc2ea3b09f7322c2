using System.Net;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Integrity;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Playback;
using DaoVien.OnlineReception.Recordings.Tests.Harness;
using DaoVien.OnlineReception.Testing.Recording;
using DaoVien.OnlineReception.Testing;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.Recordings.Tests;

/// <summary>Full sessions through real Janus and Chromium, archived by the running app, played and checked.</summary>
public sealed class RecordingEvidenceTests(PostgresServer postgres, BrowserFixture browsers)
{
    private static readonly Guid CaseId = Guid.Parse("5c1f9a52-3b7e-4c55-9d0e-2f6a1b0c7d11");

    [Fact]
    public async Task Archive_TwentySecondTwoPartySession_CompositeIsH264AacForTwoLinkedAndPlaysForStaffOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await RecordingScenario.StartAsync(postgres, ct);
        // What the host (src/Web) wires: a completed archive is attached to its session's case.
        scenario.App.WithServices(s => s.AddScoped<IArchiveEvents>(sp => new AttachToCase(sp.GetRequiredService<IArchiveCaseLinks>())));
        var baseAddress = scenario.App.StartOnSocket();
        var clips = new[]
        {
            await TestClips.GenerateAsync(scenario.Folder, "A", 10, 880, ct),
            await TestClips.GenerateAsync(scenario.Folder, "B", 10, 440, ct),
        };
        var session = await scenario.RecordAsync(browsers, clips, _ => Task.Delay(TimeSpan.FromSeconds(20), ct), ct);
        await scenario.WithScopeAsync(sp => sp.GetRequiredService<IRecordingArchiver>().EnqueueAsync(
            new ArchiveRequest(session.SessionId, Guid.NewGuid(), "TCD-2026-0002", session.Start, session.End, SessionEndKind.Ended, session.Participants), ct));
        var job = await scenario.WaitForJobAsync(session.SessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        var archiveId = job.ArchiveId!.Value;
        var folder = scenario.App.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(archiveId);

        var manifest = await scenario.ReadManifestAsync(archiveId, ct);
        var media = await FFProbe.AnalyseAsync(Path.Combine(folder, "composite.mp4"), cancellationToken: ct);
        Assert.Equal("h264", media.PrimaryVideoStream!.CodecName);
        Assert.Equal("aac", media.PrimaryAudioStream!.CodecName);
        Assert.Equal(2 * 640, media.PrimaryVideoStream.Width);
        var span = (manifest.MediaEndedAt!.Value - manifest.MediaStartedAt!.Value).TotalSeconds;
        Assert.InRange(span, 20, (session.End - session.Start).TotalSeconds + 1);
        Assert.InRange(media.Duration.TotalSeconds, span - 1, span + 1);
        Assert.All(manifest.Participants, p => Assert.All(p.Tracks, t => Assert.True(File.Exists(Path.Combine(folder, t.File!)), t.File)));
        Assert.Equal(4, manifest.Files.Count(f => f.Kind == nameof(ArchiveFileKind.Original)));
        Assert.Null(await scenario.WithScopeAsync(sp => sp.GetRequiredService<IntegrityVerifier>().VerifyAsync(archiveId, ct)));

        var linked = await scenario.WithScopeAsync(sp => sp.GetRequiredService<IArchiveCaseLinks>().FindBySessionAsync(session.SessionId, ct));
        Assert.Equal(CaseId, linked!.CaseId);
        Assert.Equal(archiveId, (await scenario.WithScopeAsync(sp => sp.GetRequiredService<IArchiveCaseLinks>().ListForCaseAsync(CaseId, ct))).Single().ArchiveId);

        // An inspector (a role that sees every case: the case id here is not one the registry knows) plays the composite
        // on the staff page (the player seeks with range requests).
        await scenario.App.CreateStaffAsync("canbo.ghi", "Mat-khau-2026!", "Thanh tra viên", TestRoles.Inspector);
        await using var staff = await browsers.NewContextAsync(baseAddress);
        var page = await staff.NewPageAsync();
        await page.SignInAsync("canbo.ghi", "Mat-khau-2026!");
        await page.GotoAsync($"/Recordings/Archive?id={archiveId:N}");
        await page.WaitForFunctionAsync("""
            async () => {
              const v = document.querySelector('[data-testid=archive-player]');
              if (!v) return false;
              v.muted = true;
              if (v.paused) { try { await v.play(); } catch { return false; } }
              return v.readyState >= 2 && v.currentTime > 0.5;
            }
            """, null, new PageWaitForFunctionOptions { PollingInterval = 250, Timeout = 30_000 });
        var fileUrl = PlaybackEndpoints.FileUrl(archiveId, "composite.mp4");
        var ranged = await staff.APIRequest.GetAsync(fileUrl, new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Range"] = "bytes=100-199" } });
        Assert.Equal((int)HttpStatusCode.PartialContent, ranged.Status);
        Assert.Equal(100, (await ranged.BodyAsync()).Length);

        // A citizen (no staff sign-in) gets nothing from the same URLs, nor from the original files.
        await using var citizen = await browsers.NewContextAsync(baseAddress, phone: true);
        foreach (var name in manifest.Files.Select(f => f.Name).Append(ArchiveManifest.FileName))
        {
            var response = await citizen.APIRequest.GetAsync(PlaybackEndpoints.FileUrl(archiveId, name), new APIRequestContextOptions { MaxRedirects = 0 });
            Assert.NotEqual(200, response.Status);
            Assert.NotEqual(206, response.Status);
        }

        var access = await scenario.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().AccessLog.AsNoTracking().Where(a => a.ArchiveId == archiveId).ToListAsync(ct));
        Assert.Contains(access, a => a.StaffUserName == "canbo.ghi" && a.Kind == ArchiveAccessKind.View && a.FileName == "composite.mp4");
    }

    [Fact]
    public async Task Archive_ParticipantBrowserKilledMidSession_KeepsMediaBeforeKillRecordsGapAndConsentPrecedesFirstPacket()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await RecordingScenario.StartAsync(postgres, ct);
        scenario.App.StartOnSocket();
        var clips = new[]
        {
            await TestClips.GenerateAsync(scenario.Folder, "A", 5, 880, ct),
            await TestClips.GenerateAsync(scenario.Folder, "B", 5, 440, ct),
        };
        DateTimeOffset killedAt = default;
        Guid killedParticipant = default;
        var session = await scenario.RecordAsync(browsers, clips, async publishers =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
            await publishers[1].KillAsync();
            killedAt = scenario.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        }, ct);
        killedParticipant = session.Participants[1].ParticipantId;
        await scenario.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IRecordingControl>().ReportDisconnectedAsync(session.SessionId, killedParticipant, ct);
            return await sp.GetRequiredService<IRecordingArchiver>().EnqueueAsync(
                new ArchiveRequest(session.SessionId, null, null, session.Start, session.End, SessionEndKind.Ended, session.Participants), ct);
        });
        var job = await scenario.WaitForJobAsync(session.SessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);

        var manifest = await scenario.ReadManifestAsync(job.ArchiveId!.Value, ct);
        var killed = manifest.Participants.Single(p => p.ParticipantId == killedParticipant);
        Assert.All(killed.Tracks, t =>
        {
            Assert.NotNull(t.File);
            // Media reaches Janus until shortly before the kill; on a loaded 2-core machine the starved browser's last
            // packets can be a few seconds older than the kill itself.
            Assert.InRange(t.FirstPacketAt.AddSeconds(t.DurationSeconds), killedAt.AddSeconds(-4), killedAt.AddSeconds(1));
        });
        Assert.Contains(manifest.Gaps, g => g.Kind == "EndedEarly" && g.ParticipantId == killedParticipant);
        Assert.Contains(manifest.Gaps, g => g.Kind == "Disconnected" && g.ParticipantId == killedParticipant);
        Assert.Contains(manifest.Files, f => f.Kind == nameof(ArchiveFileKind.Composite));

        // Each participant's acknowledgment of the notice is stored before the first recorded packet of each of their tracks.
        foreach (var (participant, index) in session.Participants.Select((p, i) => (p, i)))
        {
            var recorded = manifest.Participants.Single(p => p.ParticipantId == participant.ParticipantId);
            Assert.Equal(session.ConsentAt[index], recorded.ConsentAcknowledgedAt);
            Assert.Equal(2, recorded.Tracks.Count);
            Assert.All(recorded.Tracks, t => Assert.True(session.ConsentAt[index] < t.FirstPacketAt, $"consent {session.ConsentAt[index]:O} not before first packet {t.FirstPacketAt:O}"));
        }
    }

    [Fact]
    public async Task IntegrityCheckJob_ArchivedByteTampered_MarksMismatchAndHealthzFails()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await RecordingScenario.StartAsync(postgres, ct, new Dictionary<string, string?> { ["Media:Recording:BuildComposite"] = "false" });
        scenario.App.StartOnSocket();
        var clips = new[] { await TestClips.GenerateAsync(scenario.Folder, "A", 3, 880, ct) };
        var session = await scenario.RecordAsync(browsers, clips, _ => Task.Delay(TimeSpan.FromSeconds(3), ct), ct);
        await scenario.WithScopeAsync(sp => sp.GetRequiredService<IRecordingArchiver>().EnqueueAsync(
            new ArchiveRequest(session.SessionId, null, null, session.Start, session.End, SessionEndKind.Ended, session.Participants), ct));
        var job = await scenario.WaitForJobAsync(session.SessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        using var client = scenario.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", ct)).StatusCode);

        var manifest = await scenario.ReadManifestAsync(job.ArchiveId!.Value, ct);
        var victim = Path.Combine(scenario.App.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(job.ArchiveId.Value), manifest.Files[0].Name);
        var bytes = await File.ReadAllBytesAsync(victim, ct);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(victim, bytes, ct);

        await scenario.WithScopeAsync(async sp =>
        {
            // The nightly job's own code path; its trigger is Quartz's business.
            var jobInstance = new IntegrityCheckJob(sp.GetRequiredService<IntegrityVerifier>(), NullLogger<IntegrityCheckJob>.Instance);
            await jobInstance.Execute(null!, ct);
            return 0;
        });
        var archive = await scenario.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Archives.AsNoTracking().SingleAsync(a => a.Id == job.ArchiveId, ct));
        Assert.Equal(IntegrityState.Mismatch, archive.Integrity);
        Assert.Contains(manifest.Files[0].Name, archive.IntegrityProblem, StringComparison.Ordinal);
        var health = await client.GetAsync("/healthz", ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("do not match", await health.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    private sealed class AttachToCase(IArchiveCaseLinks links) : IArchiveEvents
    {
        public Task ArchiveCompletedAsync(ArchiveCompleted archive, CancellationToken cancellationToken) =>
            links.AttachAsync(archive.ArchiveId, CaseId, archive.CaseNumber, null, cancellationToken);
    }
}
