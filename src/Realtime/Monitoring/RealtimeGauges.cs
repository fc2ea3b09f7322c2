using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Monitoring;

/// <summary>What the realtime module reports to monitoring at one moment.</summary>
/// <param name="LobbyWaiting">Bookings waiting in today's lobby.</param>
/// <param name="LiveSessions">Reception sessions open now.</param>
/// <param name="ArchiveQueueDepth">Archive jobs queued or running.</param>
/// <param name="MediaServerRestarts">Times the media server was lost and reconnected since the app started.</param>
public sealed record RealtimeReading(int LobbyWaiting, int LiveSessions, int ArchiveQueueDepth, long MediaServerRestarts);

/// <summary>Reads the realtime module's gauges (for the web host's /metrics); a scoped service.</summary>
public interface IRealtimeGauges
{
    /// <summary>Counts from the database; throws the database's exception when it is unavailable.</summary>
    Task<RealtimeReading> ReadAsync(CancellationToken cancellationToken);
}

internal sealed class RealtimeGauges(
    RealtimeDbContext db, RecordingsDbContext recordings, JanusGateway gateway, TimeProvider time, IOptions<WardOptions> ward) : IRealtimeGauges
{
    public async Task<RealtimeReading> ReadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ward.Value.TimeZone).DateTime);
        var waiting = await db.LobbyEntries.CountAsync(e => e.ReceptionDate == today && e.State == LobbyEntryState.Waiting, cancellationToken);
        var live = await db.Sessions.CountAsync(s => s.State == SessionState.Open, cancellationToken);
        var queued = await recordings.Jobs.CountAsync(j => j.State == ArchiveJobState.Queued || j.State == ArchiveJobState.Running, cancellationToken);
        return new RealtimeReading(waiting, live, queued, gateway.Restarts);
    }
}
