using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings.Live;

/// <summary>
/// Whether a live session's room records: every reception session does (<see cref="RecordingOptions.RecordByDefault"/>),
/// unless the chairman explicitly chose to run it unrecorded (a logged <see cref="RecordingEventKind.RunUnrecorded"/>).
/// A paused session's room is (re)created with its folder but not recording, so a Janus restart during a pause does
/// not silently resume it. Singleton (the media layer is); reads the database through a scope per call.
/// </summary>
internal sealed class SessionRecordingPolicy(IServiceScopeFactory scopes, IOptions<RecordingOptions> options, RecordingPaths paths, TimeProvider time)
    : IRoomRecordingPolicy
{
    public async ValueTask<RoomRecording> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!options.Value.RecordByDefault)
        {
            return RoomRecording.Off;
        }

        await using var scope = scopes.CreateAsyncScope();
        var realtime = scope.ServiceProvider.GetRequiredService<RealtimeDbContext>();
        if (!await realtime.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return RoomRecording.Off;
        }

        var recordings = scope.ServiceProvider.GetRequiredService<RecordingsDbContext>();
        if (await recordings.Events.AnyAsync(e => e.SessionId == sessionId && e.Kind == RecordingEventKind.RunUnrecorded, cancellationToken))
        {
            return RoomRecording.Off;
        }

        var paused = await recordings.Pauses.AnyAsync(p => p.SessionId == sessionId && p.ResumedAt == null, cancellationToken);
        var folder = paths.RawFolder(sessionId);
        Directory.CreateDirectory(folder);
        return new RoomRecording(!paused, folder);
    }

    /// <summary>Server-generated base name of one publish (ids and a timestamp only; never user input).</summary>
    public string PublisherFileBase(Guid sessionId, Guid participantId) => RecordingPaths.PublisherBaseName(participantId, time.GetUtcNow());
}
