using System.Text.Json;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Playback;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.Recording;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Recording through the real app: a citizen with a real booking and the chairman, in Chromium with fake camera and
/// microphone, through the lobby, the consent notice and a live session on the real Janus, to the archive attached to
/// the case the session opened.
/// </summary>
public sealed class RecordedSessionTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private static readonly TimeSpan Talk = TimeSpan.FromSeconds(20);
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(janus.Settings)
        {
            ["Media:Recording:RecordByDefault"] = "true",
        };
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "rec-" + Guid.NewGuid().ToString("N")[..8]), settings).WithSystemClock();
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task RecordedSession_ConsentTalkEndWithCaseAccepted_ArchiveAttachedToCasePlaysForStaffNotForCitizen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.ghi");
        var (citizen, chairman, citizenContext) = (parties.Citizen, parties.Chairman, parties.CitizenContext);
        var sessionId = await parties.AdmitAsync(acknowledge: false);

        // Nobody publishes before acknowledging the notice: what is recorded, why, who keeps it, how long, rights.
        foreach (var page in new[] { citizen, chairman })
        {
            await Assertions.Expect(page.GetByTestId("recording-notice")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("recording-notice-text")).ToContainTextAsync("Thời hạn lưu giữ");
            await Assertions.Expect(page.GetByTestId("recording-indicator")).ToBeHiddenAsync();
        }

        Assert.Empty(Directory.GetFiles(RawFolder(sessionId), "*.mjr"));
        foreach (var page in new[] { citizen, chairman })
        {
            await page.GetByTestId("recording-acknowledge").ClickAsync();
            await Assertions.Expect(page.GetByTestId("recording-indicator")).ToHaveAttributeAsync("data-state", "recording");
            await Assertions.Expect(page.GetByTestId("recording-notice")).ToBeHiddenAsync();
        }

        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        // The talk itself is the scenario: a fixed span of recorded conversation.
        await Task.Delay(Talk, ct);

        await chairman.GetByTestId("end-outcome").SelectOptionAsync("1");
        await chairman.GetByTestId("end-note").FillAsync("Tiếp nhận đơn khiếu nại");
        await chairman.GetByTestId("end-submit").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("session-finished")).ToBeVisibleAsync();

        var job = await _app.JobFinishedAsync(sessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        var archiveId = job.ArchiveId!.Value;
        var folder = _app.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(archiveId);
        var manifest = JsonSerializer.Deserialize<ArchiveManifest>(await File.ReadAllTextAsync(Path.Combine(folder, ArchiveManifest.FileName), ct), ArchiveManifest.Json)!;

        // Both participants' tracks are there, each after their stored acknowledgment.
        Assert.Equal(2, manifest.Participants.Count(p => p.ParticipantId is not null && p.Tracks.Count == 2));
        Assert.All(manifest.Participants, p => Assert.All(p.Tracks, t => Assert.True(p.ConsentAcknowledgedAt < t.FirstPacketAt, $"consent {p.ConsentAcknowledgedAt:O} not before {t.FirstPacketAt:O}")));

        var media = await FFProbe.AnalyseAsync(Path.Combine(folder, "composite.mp4"), cancellationToken: ct);
        Assert.Equal("h264", media.PrimaryVideoStream!.CodecName);
        Assert.Equal("aac", media.PrimaryAudioStream!.CodecName);
        Assert.Equal(2 * 640, media.PrimaryVideoStream.Width);
        var span = (manifest.MediaEndedAt!.Value - manifest.MediaStartedAt!.Value).TotalSeconds;
        Assert.InRange(span, Talk.TotalSeconds, (manifest.SessionEndedAt - manifest.SessionStartedAt).TotalSeconds + 1);
        Assert.InRange(media.Duration.TotalSeconds, span - 1, span + 1);

        // "Case accepted" opened a case; the archive is attached to it on the recordings side.
        var caseRef = await _app.WithScopeAsync(sp => sp.GetRequiredService<ICaseHistoryReader>().ForSessionAsync(sessionId, ct));
        Assert.NotNull(caseRef);
        var linked = await _app.CaseLinkAsync(sessionId, ct);
        Assert.Equal(caseRef.CaseId, linked.CaseId);
        Assert.Equal(caseRef.Number, manifest.CaseNumber); // burnt into the composite's caption too

        // It plays on the staff recordings page.
        await chairman.GotoAsync($"/Recordings/Archive?id={archiveId:N}");
        await chairman.WaitForFunctionAsync("""
            async () => {
              const v = document.querySelector('[data-testid=archive-player]');
              if (!v) return false;
              v.muted = true;
              if (v.paused) { try { await v.play(); } catch { return false; } }
              return v.readyState >= 2 && v.currentTime > 0.5;
            }
            """, null, new PageWaitForFunctionOptions { PollingInterval = 250, Timeout = 30_000 });

        // The citizen's browser gets none of the archive's files.
        foreach (var name in manifest.Files.Select(f => f.Name).Append(ArchiveManifest.FileName))
        {
            var response = await citizenContext.APIRequest.GetAsync(PlaybackEndpoints.FileUrl(archiveId, name), new APIRequestContextOptions { MaxRedirects = 0 });
            Assert.NotEqual(200, response.Status);
            Assert.NotEqual(206, response.Status);
        }
    }

    [Fact]
    public async Task Publish_WithoutAcknowledgment_IsRefused_PauseAndReloadAreArchiveGaps_StaffAttachAndDetachArchiveByCaseNumber()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.tam");
        var (citizen, chairman, chairmanId) = (parties.Citizen, parties.Chairman, parties.ChairmanId);
        var sessionId = await parties.AdmitAsync(acknowledge: false);
        await Assertions.Expect(citizen.GetByTestId("recording-notice")).ToBeVisibleAsync();

        // A page that skips the notice and publishes anyway is refused by the server.
        var refusal = await citizen.EvaluateAsync<string>("""
            async () => {
              const pc = new RTCPeerConnection();
              pc.addTransceiver('audio', { direction: 'sendonly' });
              await pc.setLocalDescription(await pc.createOffer());
              try { await window.Reception.state.connection.invoke('Publish', 'camera', pc.localDescription.sdp); return 'published'; }
              catch (e) { return window.Reception.hubError(e); }
            }
            """);
        Assert.Contains("xác nhận thông báo ghi hình", refusal, StringComparison.Ordinal);

        await chairman.GetByTestId("recording-acknowledge").ClickAsync();
        await citizen.GetByTestId("recording-acknowledge").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("recording-indicator")).ToHaveAttributeAsync("data-state", "recording");

        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        var beforePause = Directory.GetFiles(RawFolder(sessionId), "*.mjr").ToHashSet();

        // Pause needs a reason; the pause shows everywhere and is logged with it; resume shows recording again.
        await chairman.GetByTestId("recording-pause").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("reception-error")).ToContainTextAsync("lý do");
        await chairman.GetByTestId("recording-pause-reason").FillAsync("Công dân trình bày thông tin riêng tư");
        await chairman.GetByTestId("recording-pause").ClickAsync();
        foreach (var page in new[] { citizen, chairman })
        {
            await Assertions.Expect(page.GetByTestId("recording-indicator")).ToHaveAttributeAsync("data-state", "paused");
        }

        var pause = await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Pauses.AsNoTracking().SingleAsync(p => p.SessionId == sessionId, ct));
        Assert.Equal("Công dân trình bày thông tin riêng tư", pause.Reason);
        Assert.Equal(chairmanId, pause.PausedBy);

        await chairman.GetByTestId("recording-resume").ClickAsync();
        foreach (var page in new[] { citizen, chairman })
        {
            await Assertions.Expect(page.GetByTestId("recording-indicator")).ToHaveAttributeAsync("data-state", "recording");
        }

        // The resumed recording is a new segment per track: what was written before the pause is kept, not overwritten.
        await Eventually.TrueAsync(() => Directory.GetFiles(RawFolder(sessionId), "*.mjr").Except(beforePause).Count() >= beforePause.Count, TimeSpan.FromSeconds(45), "a new recording per track after resume", ct);
        Assert.NotEmpty(beforePause);

        // A participant's dropped connection and return are logged, to become a gap in the manifest.
        await citizen.ReloadAsync();
        await Assertions.Expect(citizen.GetByTestId("recording-indicator")).ToHaveAttributeAsync("data-state", "recording");
        var citizenId = (await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Consents.AsNoTracking()
            .Where(c => c.SessionId == sessionId).OrderByDescending(c => c.AcknowledgedAt).Select(c => c.ParticipantId).FirstAsync(ct)));
        await Eventually.TrueAsync(async () => await _app.WithScopeAsync(async sp =>
        {
            var kinds = await sp.GetRequiredService<RecordingsDbContext>().Events.AsNoTracking()
                .Where(e => e.SessionId == sessionId && e.ParticipantId == citizenId).Select(e => e.Kind).ToListAsync(ct);
            return kinds.Contains(RecordingEventKind.ParticipantDisconnected) && kinds.Contains(RecordingEventKind.ParticipantReconnected);
        }), TimeSpan.FromSeconds(45), "the citizen's disconnection and return logged", ct);

        var consents = await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Consents.AsNoTracking().Where(c => c.SessionId == sessionId).ToListAsync(ct));
        Assert.Equal(2, consents.Count);

        // Answered on the spot: no case yet. The archive keeps the pause and the reload as gaps.
        await chairman.GetByTestId("end-outcome").SelectOptionAsync("0");
        await chairman.GetByTestId("end-submit").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("session-finished")).ToBeVisibleAsync();
        var job = await _app.JobFinishedAsync(sessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        var archiveId = job.ArchiveId!.Value;
        var manifest = JsonSerializer.Deserialize<ArchiveManifest>(
            await File.ReadAllTextAsync(Path.Combine(_app.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(archiveId), ArchiveManifest.FileName), ct), ArchiveManifest.Json)!;
        Assert.Contains(manifest.Gaps, g => g.Kind == "Paused" && g.Detail == "Công dân trình bày thông tin riêng tư" && g.To is not null);
        Assert.Contains(manifest.Gaps, g => g.Kind == "Disconnected" && g.ParticipantId == citizenId && g.To is not null);
        Assert.Null(manifest.CaseNumber);
        Assert.Null((await _app.WithScopeAsync(sp => sp.GetRequiredService<IArchiveCaseLinks>().FindBySessionAsync(sessionId, ct)))!.CaseId);

        // Later, an inspector (an archive on no case is open only to roles that see every case and to its presiding
        // official: docs/adr/0070) attaches the archive to a case by its number, on the archive's page; a wrong number
        // changes nothing.
        var staffId = await _app.CreateStaffAsync("vanthu.ghi", "Staff-pass-1", "Lê Văn Thư", TestRoles.Inspector);
        var (created, file) = await _app.WithScopeAsync(sp => sp.GetRequiredService<CaseRegistry>().CreateAsync(
            new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Đơn gửi sau buổi tiếp", sp.GetRequiredService<WardClock>().Today, [new ReceptionParticipant("Nguyễn Văn A", null, null, null, false)], false, staffId),
            CaseActor.System, ct));
        Assert.True(created.Error is null, created.Error);
        await using var staffContext = await browser.NewContextAsync(_base);
        var staff = await staffContext.NewPageAsync();
        await staff.SignInAsync("vanthu.ghi", "Staff-pass-1");
        await staff.GotoAsync($"/Recordings/Archive?id={archiveId:N}");
        await staff.GetByTestId("archive-case-number").FillAsync("999/KHONG-CO");
        await staff.GetByTestId("archive-attach").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("archive-message")).ToContainTextAsync("Không có hồ sơ số");
        Assert.Null((await _app.WithScopeAsync(sp => sp.GetRequiredService<IArchiveCaseLinks>().FindBySessionAsync(sessionId, ct)))!.CaseId);

        await staff.GetByTestId("archive-case-number").FillAsync(" " + file!.Number + " ");
        await staff.GetByTestId("archive-attach").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("archive-link")).ToContainTextAsync(file.Number);
        await staff.GotoAsync($"/Cases/Details?id={file.Id}");
        await Assertions.Expect(staff.GetByTestId("case-links")).ToContainTextAsync(archiveId.ToString());

        // Detached again: gone from the case file on both sides; every step is in the archive's link log.
        await staff.GotoAsync($"/Recordings/Archive?id={archiveId:N}");
        await staff.GetByTestId("archive-detach").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("archive-message")).ToBeVisibleAsync();
        await staff.GotoAsync($"/Cases/Details?id={file.Id}");
        await Assertions.Expect(staff.GetByTestId("case-links")).Not.ToContainTextAsync(archiveId.ToString());
        var log = await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().LinkEvents.AsNoTracking().Where(e => e.ArchiveId == archiveId).OrderBy(e => e.At).ToListAsync(ct));
        Assert.Equal(["Attached", "Detached"], log.Select(e => e.Action.ToString()));
        Assert.All(log, e => Assert.NotNull(e.StaffId));
    }

    private string RawFolder(Guid sessionId) => _app.Services.GetRequiredService<RecordingPaths>().RawFolder(sessionId);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
