using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Lobby;

/// <summary>The queue of one reception date: order (slot, then arrival), estimated waits, live updates to the waiting.</summary>
internal sealed class LobbyBoard(RealtimeDbContext db, IHubContext<ReceptionHub, IReceptionClient> hub, IOptions<RealtimeOptions> options)
{
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
