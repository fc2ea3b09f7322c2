using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace DaoVien.OnlineReception.Realtime.Lobby;

/// <summary>
/// Opens today's lobby <see cref="RealtimeOptions.LobbyOpensMinutesBefore"/> minutes before the first confirmed
/// slot and closes it at the end of the last one. A sweeper: it reads today's bookings and our lobby table and sets
/// the door to what the clock says, so a double or missed fire changes nothing.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class LobbyDoorJob(LobbyDoor door) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await door.SweepAsync(cancellationToken);
}

internal sealed class LobbyDoor(
    RealtimeDbContext db,
    IServiceProvider services,
    LobbyBoard board,
    IHubContext<ReceptionHub, IReceptionClient> hub,
    IOptions<RealtimeOptions> options,
    IOptions<WardOptions> ward,
    TimeProvider time)
{
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SweepOnceAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another sweep (the minute's job and an on-demand one) wrote today's door first: read it and go again.
            db.ChangeTracker.Clear();
            await SweepOnceAsync(cancellationToken);
        }
    }

    private async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var zone = ward.Value.TimeZone;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        // Resolved here, not in the constructor: the booking directory is the scheduling module's to register.
        var bookings = services.GetRequiredService<IBookingDirectory>();
        var confirmed = (await bookings.ListForDateAsync(today, cancellationToken)).Where(b => b.Status == BookingStatus.Confirmed).ToList();
        var day = await db.LobbyDays.FindAsync([today], cancellationToken);
        if (confirmed.Count > 0)
        {
            var (opens, closes) = Window(today, confirmed, zone);
            if (day is null)
            {
                day = new LobbyDay { Date = today };
                db.LobbyDays.Add(day);
            }

            day.OpensAt = opens;
            day.ClosesAt = closes;
            day.IsOpen = now >= opens && now < closes;
        }
        else if (day is not null)
        {
            day.IsOpen = false;
        }

        // Close yesterday's and today's (once over) waiting entries: nobody waits across a closed door.
        var closed = await db.LobbyDays.Where(d => !d.IsOpen && d.Date <= today).Select(d => d.Date).ToListAsync(cancellationToken);
        if (day is { IsOpen: false })
        {
            closed.Add(day.Date);
        }

        var stale = await db.LobbyEntries.Where(e => e.State == LobbyEntryState.Waiting && (e.ReceptionDate < today || closed.Contains(e.ReceptionDate)) && !(day != null && day.IsOpen && e.ReceptionDate == today)).ToListAsync(cancellationToken);
        foreach (var e in stale)
        {
            e.State = LobbyEntryState.Closed;
        }

        var staleIds = stale.Select(e => (Guid?)e.Id).ToList();
        var waiters = await db.Participants.Where(p => staleIds.Contains(p.LobbyEntryId) && p.State == ParticipantState.Waiting).ToListAsync(cancellationToken);
        var connections = waiters.Where(p => p.ConnectionId is not null).Select(p => p.ConnectionId!).ToList();
        foreach (var p in waiters)
        {
            p.State = ParticipantState.Left;
            p.ConnectionId = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (connections.Count > 0)
        {
            await hub.Clients.Clients(connections).LobbyClosed();
            await board.BroadcastAsync(today, cancellationToken);
        }
    }

    /// <summary>
    /// When the lobby of <paramref name="date"/> opens and closes by the rule the sweep applies (none without confirmed
    /// bookings), and whether it is open now: what a citizen who came early is shown.
    /// </summary>
    public async Task<LobbyDoorTimes?> TimesOfAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var bookings = services.GetRequiredService<IBookingDirectory>();
        var confirmed = (await bookings.ListForDateAsync(date, cancellationToken)).Where(b => b.Status == BookingStatus.Confirmed).ToList();
        if (confirmed.Count == 0)
        {
            return null;
        }

        var (opens, closes) = Window(date, confirmed, ward.Value.TimeZone);
        var day = await db.LobbyDays.AsNoTracking().SingleOrDefaultAsync(d => d.Date == date, cancellationToken);
        return new LobbyDoorTimes(opens, closes, day is { IsOpen: true });
    }

    private (DateTimeOffset Opens, DateTimeOffset Closes) Window(DateOnly date, IReadOnlyList<BookingSummary> confirmed, TimeZoneInfo zone) =>
        (ToUtc(date, confirmed.Min(b => b.SlotStart), zone).AddMinutes(-options.Value.LobbyOpensMinutesBefore),
         ToUtc(date, confirmed.Max(b => b.SlotEnd), zone));

    private static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

internal sealed record LobbyDoorTimes(DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool IsOpen);
