using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Realtime.Recordings.Live;

/// <summary>
/// At start-up, a session still open in the database was left live by a crash of this process (its connections and
/// its embedded Janus died with it): it is closed as <see cref="SessionState.Crashed"/> — no outcome, so no case is opened on a guess — and what
/// Janus wrote up to the crash is queued for archiving, the crash being a gap in the manifest.
/// </summary>
internal sealed partial class CrashedSessionRecovery(IServiceScopeFactory scopes, TimeProvider time, ILogger<CrashedSessionRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RealtimeDbContext>();
        var archiver = scope.ServiceProvider.GetRequiredService<IRecordingArchiver>();
        var paths = scope.ServiceProvider.GetRequiredService<RecordingPaths>();
        var open = await db.Sessions.Where(s => s.State == SessionState.Open).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            var now = time.GetUtcNow();
            session.State = SessionState.Crashed;
            session.EndedAt = now;
            var participants = await db.Participants.Where(p => p.SessionId == session.Id && (p.State == ParticipantState.InRoom || p.State == ParticipantState.Invited)).ToListAsync(cancellationToken);
            foreach (var p in participants)
            {
                p.State = ParticipantState.Left;
                p.LeftAt ??= now;
                p.ConnectionId = null;
            }

            await db.SaveChangesAsync(cancellationToken);
            LogCrashed(session.Id);
            if (Directory.Exists(paths.RawFolder(session.Id)) && await SessionDirectory.LoadAsync(db, session.Id, cancellationToken) is { } info)
            {
                await archiver.EnqueueAsync(ArchiveOnSessionEnd.Request(info, SessionEndKind.Crashed, now), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} was left open by a crash: ended as crashed, its recordings queued")]
    private partial void LogCrashed(Guid sessionId);
}
