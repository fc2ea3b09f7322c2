using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Representation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Lobby;

/// <summary>The queue of one reception date: order (slot, then arrival), estimated waits, live updates to the waiting.</summary>
internal sealed class LobbyBoard(
    RealtimeDbContext db,
    IHubContext<ReceptionHub, IReceptionClient> hub,
    IOptions<RealtimeOptions> options,
    IOptions<RepresentationOptions> representation,
    TimeProvider time)
{
    /// <summary>
    /// A citizen holding <paramref name="booking"/>'s link enters its lobby on the device <paramref name="deviceKeyHash"/>
    /// (or comes back to it), bound to <paramref name="connectionId"/>: the booking's entry is created on the first
    /// entry while the day's lobby is open, and the device gets a participant row within the booking's group size.
    /// The caller checked that the booking is confirmed and for <paramref name="today"/>.
    /// </summary>
    public async Task<LobbyEntrance> EnterAsync(BookingSummary booking, DateOnly today, string deviceKeyHash, string connectionId, CancellationToken cancellationToken)
    {
        var day = await db.LobbyDays.FindAsync([today], cancellationToken);
        var entry = await db.LobbyEntries.SingleOrDefaultAsync(e => e.BookingId == booking.Id, cancellationToken);
        if (entry is null)
        {
            if (day is not { IsOpen: true })
            {
                return LobbyEntrance.Refused("Lobby.NotOpen");
            }

            entry = new LobbyEntry
            {
                Id = Guid.NewGuid(),
                BookingId = booking.Id,
                ReceptionDate = today,
                SlotStart = booking.SlotStart,
                RepresentativeCount = Math.Clamp(booking.RepresentativeCount, 1, representation.Value.MaxRepresentatives),
                EnteredAt = time.GetUtcNow(),
                State = LobbyEntryState.Waiting,
            };
            db.LobbyEntries.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two representatives entered at the same moment: the other one created the entry.
                db.ChangeTracker.Clear();
                entry = await db.LobbyEntries.SingleAsync(e => e.BookingId == booking.Id, cancellationToken);
            }
        }

        if (entry.State == LobbyEntryState.Closed)
        {
            return LobbyEntrance.Refused("Lobby.Closed");
        }

        var participant = await db.Participants.SingleOrDefaultAsync(p => p.LobbyEntryId == entry.Id && p.DeviceKeyHash == deviceKeyHash, cancellationToken);
        if (participant is null)
        {
            // Removed by the presiding official: the booking's link does not bring them back on another device.
            if (await db.Participants.AnyAsync(p => p.LobbyEntryId == entry.Id && p.State == ParticipantState.Removed, cancellationToken))
            {
                return LobbyEntrance.Refused("Lobby.RemovedNoNewDevice");
            }

            var count = await db.Participants.CountAsync(p => p.LobbyEntryId == entry.Id && p.State != ParticipantState.Left, cancellationToken);
            if (count >= entry.RepresentativeCount)
            {
                return LobbyEntrance.Refused("Lobby.GroupFull");
            }

            var name = booking.DisplayName ?? "Công dân";
            participant = new Participant
            {
                Id = Guid.NewGuid(),
                LobbyEntryId = entry.Id,
                SessionId = entry.SessionId,
                Role = ParticipantRole.Citizen,
                DisplayName = count == 0 ? name : $"{name} ({count + 1})",
                State = entry.State == LobbyEntryState.Admitted ? ParticipantState.InRoom : ParticipantState.Waiting,
                DeviceKeyHash = deviceKeyHash,
                CreatedAt = time.GetUtcNow(),
            };
            db.Participants.Add(participant);
        }
        else if (participant.State is ParticipantState.Removed)
        {
            return LobbyEntrance.Refused("Session.Removed");
        }
        else if (participant.State is ParticipantState.Left && entry.State == LobbyEntryState.Admitted)
        {
            return LobbyEntrance.Refused("Session.Ended");
        }

        var previous = participant.ConnectionId;
        participant.ConnectionId = connectionId;
        await db.SaveChangesAsync(cancellationToken);
        return new LobbyEntrance(entry, participant, previous is not null && previous != connectionId ? previous : null, null);
    }

    /// <summary>Waiting entries in queue order.</summary>
    public Task<List<LobbyEntry>> WaitingAsync(DateOnly date, CancellationToken cancellationToken) =>
        db.LobbyEntries.Where(e => e.ReceptionDate == date && e.State == LobbyEntryState.Waiting)
            .OrderBy(e => e.SlotStart).ThenBy(e => e.EnteredAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);

    /// <summary>Minutes one reception takes today: the average of today's ended sessions, else the setting.</summary>
    public async Task<double> MinutesPerSessionAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var ended = await db.Sessions.Where(s => s.ReceptionDate == date && s.State == SessionState.Ended)
            .Select(s => new { s.StartedAt, s.EndedAt }).ToListAsync(cancellationToken);
        return ended.Count == 0
            ? options.Value.DefaultSessionMinutes
            : Math.Max(1, ended.Average(s => (s.EndedAt!.Value - s.StartedAt).TotalMinutes));
    }

    public async Task<LobbyStatus> StatusOfAsync(LobbyEntry entry, CancellationToken cancellationToken)
    {
        if (entry.State == LobbyEntryState.Admitted)
        {
            return new LobbyStatus("admitted", 0, 0, entry.SessionId);
        }

        if (entry.State == LobbyEntryState.Closed)
        {
            return new LobbyStatus("closed", 0, 0, null);
        }

        var waiting = await WaitingAsync(entry.ReceptionDate, cancellationToken);
        var position = waiting.FindIndex(e => e.Id == entry.Id) + 1;
        var busy = await db.Sessions.AnyAsync(s => s.ReceptionDate == entry.ReceptionDate && s.State == SessionState.Open, cancellationToken);
        var minutes = await MinutesPerSessionAsync(entry.ReceptionDate, cancellationToken);
        return new LobbyStatus("waiting", position, Estimate(position, busy, minutes), null);
    }

    /// <summary>Sends every waiting citizen of <paramref name="date"/> their new position; tells the consoles.</summary>
    public async Task BroadcastAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var waiting = await WaitingAsync(date, cancellationToken);
        var ids = waiting.Select(e => (Guid?)e.Id).ToList();
        var connections = await db.Participants
            .Where(p => p.LobbyEntryId != null && ids.Contains(p.LobbyEntryId) && p.State == ParticipantState.Waiting && p.ConnectionId != null)
            .Select(p => new { p.LobbyEntryId, p.ConnectionId })
            .ToListAsync(cancellationToken);
        var busy = await db.Sessions.AnyAsync(s => s.ReceptionDate == date && s.State == SessionState.Open, cancellationToken);
        var minutes = await MinutesPerSessionAsync(date, cancellationToken);
        var positions = waiting.Select((e, i) => (e.Id, Position: i + 1)).ToDictionary(x => x.Id, x => x.Position);
        var sends = connections.Select(c =>
        {
            var position = positions[c.LobbyEntryId!.Value];
            return hub.Clients.Client(c.ConnectionId!).LobbyUpdated(new LobbyStatus("waiting", position, Estimate(position, busy, minutes), null));
        });
        await Task.WhenAll(sends);
        await hub.Clients.Group(ReceptionHub.ConsoleGroup(date)).QueueChanged();
    }

    private static int Estimate(int position, bool busy, double minutesPerSession) =>
        (int)Math.Ceiling((position - 1 + (busy ? 1 : 0)) * minutesPerSession);
}

/// <summary>
/// A citizen's entry into the lobby: their booking's entry and their device's participant, bound to the connection
/// (<paramref name="PreviousConnection"/>: the one it was bound to before, to release); or the message key of the refusal.
/// </summary>
internal sealed record LobbyEntrance(LobbyEntry? Entry, Participant? Participant, string? PreviousConnection, string? RefusalKey)
{
    public static LobbyEntrance Refused(string key) => new(null, null, null, key);
}
