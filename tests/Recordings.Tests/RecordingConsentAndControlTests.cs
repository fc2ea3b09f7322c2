using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Recordings.Tests;

/// <summary>Consent notice and acknowledgments, pause/resume with reasons, the pre-session storage check, case links.</summary>
public sealed class RecordingConsentAndControlTests(PostgresServer postgres)
{
    [Fact]
    public async Task RecordAcknowledgmentAsync_CurrentNotice_StoredOnceWithVersionAndTime()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAppAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var consent = scope.ServiceProvider.GetRequiredService<IRecordingConsent>();
        var notice = consent.GetNotice();
        Assert.Contains("Nghị định 13/2023/NĐ-CP", notice.Text, StringComparison.Ordinal);
        Assert.Contains("91/2025/QH15", notice.Text, StringComparison.Ordinal);
        Assert.Contains("10 năm", notice.Text, StringComparison.Ordinal);
        var (session, participant) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.False(await consent.IsConsentedAsync(session, participant, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => consent.RecordAcknowledgmentAsync(session, participant, "vi-0-old", ct));

        var first = await consent.RecordAcknowledgmentAsync(session, participant, notice.TextVersion, ct);
        var again = await consent.RecordAcknowledgmentAsync(session, participant, notice.TextVersion, ct);

        Assert.Equal(first, again);
        Assert.True(await consent.IsConsentedAsync(session, participant, ct));
        var stored = await scope.ServiceProvider.GetRequiredService<RecordingsDbContext>().Consents.SingleAsync(c => c.SessionId == session, ct);
        Assert.Equal(notice.TextVersion, stored.TextVersion);
    }

    [Fact]
    public async Task PauseAsync_TwoChairmenPauseAtOnce_OneOpenPauseLoggedWithReasonThenResumed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAppAsync();
        var session = Guid.NewGuid();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IRecordingControl>().PauseAsync(session, Guid.NewGuid(), $"Công dân xin trao đổi riêng {i}", ct);
        }));
        Assert.Equal(1, results.Count(r => r));

        await using var check = app.Services.CreateAsyncScope();
        var control = check.ServiceProvider.GetRequiredService<IRecordingControl>();
        Assert.True(await control.IsPausedAsync(session, ct));
        Assert.True(await control.ResumeAsync(session, Guid.NewGuid(), ct));
        Assert.False(await control.IsPausedAsync(session, ct));
        Assert.False(await control.ResumeAsync(session, Guid.NewGuid(), ct));
        var pause = await check.ServiceProvider.GetRequiredService<RecordingsDbContext>().Pauses.SingleAsync(p => p.SessionId == session, ct);
        Assert.StartsWith("Công dân xin trao đổi riêng", pause.Reason, StringComparison.Ordinal);
        Assert.NotNull(pause.ResumedAt);
        var gaps = await RecordingLog.LoggedGapsAsync(check.ServiceProvider.GetRequiredService<RecordingsDbContext>(), session, pause.ResumedAt!.Value.AddMinutes(5), ct);
        Assert.Contains(gaps, g => g.Kind == "Paused" && g.To == pause.ResumedAt);
    }

    [Fact]
    public async Task ContinueUnrecordedAfterRefusalAsync_OnlyAfterARefusal_LoggedOnceAsAnUnrecordedGap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAppAsync();
        var (session, citizen, chairman) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var scope = app.Services.CreateAsyncScope();
        var control = scope.ServiceProvider.GetRequiredService<IRecordingControl>();
        var version = scope.ServiceProvider.GetRequiredService<IRecordingConsent>().GetNotice().TextVersion;

        // Nobody refused: there is nothing to decide, and nothing is logged.
        Assert.False(await control.ContinueUnrecordedAfterRefusalAsync(session, chairman, ct));
        Assert.False(await control.HasRefusedAsync(session, citizen, ct));

        await control.RecordRefusalAsync(session, citizen, version, ct);
        Assert.True(await control.HasRefusedAsync(session, citizen, ct));
        Assert.False(await control.HasRefusedAsync(session, chairman, ct));
        Assert.True(await control.ContinueUnrecordedAfterRefusalAsync(session, chairman, ct));
        Assert.True(await control.ContinueUnrecordedAfterRefusalAsync(session, chairman, ct));

        var db = scope.ServiceProvider.GetRequiredService<RecordingsDbContext>();
        var events = await db.Events.AsNoTracking().Where(e => e.SessionId == session).ToListAsync(ct);
        Assert.Single(events, e => e.Kind == RecordingEventKind.ConsentRefused && e.ParticipantId == citizen && e.Detail == version);
        Assert.Single(events, e => e.Kind == RecordingEventKind.RunUnrecorded && e.StaffId == chairman);
        var gaps = await RecordingLog.LoggedGapsAsync(db, session, events.Max(e => e.At).AddMinutes(5), ct);
        Assert.Contains(gaps, g => g.Kind == "RunUnrecorded");
    }

    [Fact]
    public async Task LoggedGaps_ReloadWhoseReturnIsLoggedBeforeTheOldDisconnection_IsAClosedGapNotALoss()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAppAsync();
        var (session, citizen) = (Guid.NewGuid(), Guid.NewGuid());
        var start = new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecordingsDbContext>();
        // A page reload under load: the new connection is bound 40 ms before the old socket's close is noticed.
        db.Events.Add(new RecordingEvent { SessionId = session, ParticipantId = citizen, Kind = RecordingEventKind.ParticipantReconnected, At = start.AddSeconds(10) });
        db.Events.Add(new RecordingEvent { SessionId = session, ParticipantId = citizen, Kind = RecordingEventKind.ParticipantDisconnected, At = start.AddSeconds(10.04) });
        // Later a real drop with no return.
        db.Events.Add(new RecordingEvent { SessionId = session, ParticipantId = citizen, Kind = RecordingEventKind.ParticipantDisconnected, At = start.AddSeconds(60) });
        await db.SaveChangesAsync(ct);

        var gaps = await RecordingLog.LoggedGapsAsync(db, session, start.AddMinutes(5), ct);

        Assert.Contains(gaps, g => g.Kind == "Disconnected" && g.From == start.AddSeconds(10) && g.To == start.AddSeconds(10.04));
        Assert.Contains(gaps, g => g.Kind == "Disconnected" && g.From == start.AddSeconds(60) && g.To is null);
    }

    [Fact]
    public async Task CheckReadinessAsync_FreeSpaceBelowFloor_WarnsAndUnrecordedChoiceIsLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAppAsync(new Dictionary<string, string?> { ["Media:Recording:MinimumFreeSpaceMegabytes"] = "999999999999" });
        await using var scope = app.Services.CreateAsyncScope();
        var storage = scope.ServiceProvider.GetRequiredService<IRecordingStorage>();

        var readiness = await storage.CheckReadinessAsync(ct);

        Assert.False(readiness.CanRecord);
        Assert.Contains("MB trống", readiness.Problem, StringComparison.Ordinal);
        var (session, chairman) = (Guid.NewGuid(), Guid.NewGuid());
        await storage.RecordRunUnrecordedAsync(session, chairman, readiness.Problem!, ct);
        var logged = await scope.ServiceProvider.GetRequiredService<RecordingsDbContext>().Events.SingleAsync(e => e.SessionId == session, ct);
        Assert.Equal(RecordingEventKind.RunUnrecorded, logged.Kind);
        Assert.Equal(chairman, logged.StaffId);
    }

    [Fact]
    public async Task AttachAsync_MovedBetweenCasesThenDetached_EveryActionLoggedAndSessionLinkKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await CreateAppAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RecordingsDbContext>();
        var archive = new Archive
        {
            Id = Guid.NewGuid(), SessionId = Guid.NewGuid(), BookingId = Guid.NewGuid(), ManifestSha256 = new string('0', 64),
            SessionStartedAt = new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero), SessionEndedAt = new DateTimeOffset(2026, 11, 26, 2, 30, 0, TimeSpan.Zero),
        };
        db.Archives.Add(archive);
        await db.SaveChangesAsync(ct);
        var links = scope.ServiceProvider.GetRequiredService<IArchiveCaseLinks>();
        var (caseA, caseB, staff) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        await links.AttachAsync(archive.Id, caseA, "TCD-1", null, ct);
        await links.AttachAsync(archive.Id, caseB, "TCD-2", staff, ct);
        Assert.Empty(await links.ListForCaseAsync(caseA, ct));
        Assert.Single(await links.ListForCaseAsync(caseB, ct));
        await links.DetachAsync(archive.Id, staff, ct);

        var events = await db.LinkEvents.AsNoTracking().Where(e => e.ArchiveId == archive.Id).OrderBy(e => e.Id).ToListAsync(ct);
        Assert.Equal(
            [(ArchiveLinkActionName.Attached, caseA, (Guid?)null), (ArchiveLinkActionName.Detached, caseA, staff), (ArchiveLinkActionName.Attached, caseB, staff), (ArchiveLinkActionName.Detached, caseB, staff)],
            events.Select(e => (e.Action.ToString(), e.CaseId, e.StaffId)).ToList());
        Assert.Equal(archive.SessionId, (await links.FindBySessionAsync(archive.SessionId, ct))!.SessionId);
    }

    private static class ArchiveLinkActionName
    {
        public const string Attached = "Attached";
        public const string Detached = "Detached";
    }

    private async Task<ReceptionAppFactory> CreateAppAsync(Dictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("rec-consent-").FullName;
        var all = new Dictionary<string, string?>(settings ?? []) { ["Media:Recording:Folder"] = Path.Combine(folder, "rec") };
        var app = new ReceptionAppFactory(await postgres.CreateDatabaseAsync("recc"), folder, all).WithSystemClock();
        _ = app.Services;
        return app;
    }
}
