using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Live;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DaoVien.OnlineReception.Recordings.Tests;

/// <summary>The live sessions' side of recording: which sessions record (per reception rule) and crash recovery at start.</summary>
public sealed class LiveRecordingTests(PostgresServer postgres)
{
    [Fact]
    public async Task BookingRecordsAsync_RuleTurnsRecordingOff_NotRecordedUntilTurnedBackOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("rec-live-").FullName;
        await using var app = new ReceptionAppFactory(await postgres.CreateDatabaseAsync("recl"), folder, new Dictionary<string, string?> { ["Media:Recording:RecordByDefault"] = "true" }).WithSystemClock();
        var chairman = await app.CreateStaffAsync("chutich.rule", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var booking = await new ReceptionBookings(app.Services).BookTodayAsync(chairman);
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        // An ad-hoc day has no rule: recorded, as every session is by default; a session without booking too.
        Assert.True(await SessionRecordingPolicy.BookingRecordsAsync(sp, booking.BookingId, ct));
        Assert.True(await SessionRecordingPolicy.BookingRecordsAsync(sp, null, ct));

        // The same day as if published from a rule whose "record sessions" is off.
        var db = sp.GetRequiredService<SchedulingDbContext>();
        var rule = new ReceptionRule
        {
            Id = Guid.NewGuid(), Name = "Thứ Năm hằng tuần", Recurrence = RecurrenceKind.Weekly, DayOfWeek = DayOfWeek.Thursday,
            StartTime = new TimeOnly(7, 30), EndTime = new TimeOnly(11, 30), PresidingRole = TestRoles.Chairman, Place = "Trụ sở",
            SlotMinutes = 20, Capacity = 12, ValidFrom = booking.Date, RecordSessions = false,
        };
        db.ReceptionRules.Add(rule);
        await db.SaveChangesAsync(ct);
        var dayId = (await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking.BookingId, ct)).ReceptionDayId;
        await db.ReceptionDays.Where(d => d.Id == dayId).ExecuteUpdateAsync(u => u.SetProperty(d => d.RuleId, rule.Id), ct);
        Assert.False(await db.ReceptionRules.Where(r => r.Id == rule.Id).Select(r => r.RecordSessions).SingleAsync(ct));
        Assert.False(await SessionRecordingPolicy.BookingRecordsAsync(sp, booking.BookingId, ct));

        await db.ReceptionRules.Where(r => r.Id == rule.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.RecordSessions, true), ct);
        Assert.True(await SessionRecordingPolicy.BookingRecordsAsync(sp, booking.BookingId, ct));
    }

    [Fact]
    public async Task CrashedSessionRecovery_SessionLeftOpenByCrash_EndedAtStartAndArchiveQueuedAsCrashed()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("rec-crash-").FullName;
        await using var app = new ReceptionAppFactory(await postgres.CreateDatabaseAsync("recx"), folder, new Dictionary<string, string?> { ["Media:Recording:RecordByDefault"] = "true" }).WithSystemClock();
        var sessionId = Guid.NewGuid();
        var participantId = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RealtimeDbContext>();
            var session = new ReceptionSession
            {
                Id = sessionId, ReceptionDate = new DateOnly(2026, 11, 26), PresidingOfficialId = Guid.NewGuid(), State = SessionState.Open,
                StartedAt = TimeProvider.System.GetUtcNow().AddMinutes(-5), RoomId = 42_000, RoomSecret = "s",
            };
            session.Participants.Add(new Participant
            {
                Id = participantId, SessionId = sessionId, Role = ParticipantRole.Citizen, DisplayName = "Công dân", State = ParticipantState.InRoom,
                ConnectionId = "dead-connection", CreatedAt = session.StartedAt, JoinedAt = session.StartedAt,
            });
            db.Sessions.Add(session);
            await db.SaveChangesAsync(ct);
            // Janus had started writing this session's folder before the process died.
            Directory.CreateDirectory(scope.ServiceProvider.GetRequiredService<RecordingPaths>().RawFolder(sessionId));
        }

        // The start-up step of the next process (run here on the same database, as a restarted app would at start):
        // the session is ended as crashed (no outcome) and what was recorded is queued.
        await app.Services.GetServices<IHostedService>().OfType<CrashedSessionRecovery>().Single().StartAsync(ct);
        await using var after = app.Services.CreateAsyncScope();
        var realtime = after.ServiceProvider.GetRequiredService<RealtimeDbContext>();
        var ended = await realtime.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
        Assert.Equal(SessionState.Crashed, ended.State);
        Assert.NotNull(ended.EndedAt);
        Assert.Null(ended.Outcome);
        var participant = await realtime.Participants.AsNoTracking().SingleAsync(p => p.Id == participantId, ct);
        Assert.Null(participant.ConnectionId);
        var job = await after.ServiceProvider.GetRequiredService<RecordingsDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.SessionId == sessionId, ct);
        Assert.Equal(SessionEndKind.Crashed, job.EndKind);
        Assert.Contains(participantId.ToString(), job.ParticipantsJson, StringComparison.OrdinalIgnoreCase);
    }
}
