using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings.Live;

/// <summary>
/// Whether a live session's room records: every reception session does (<see cref="RecordingOptions.RecordByDefault"/>)
/// unless its reception rule turns recording off (<see cref="IReceptionRecordingRules"/>) or the chairman explicitly chose to run it unrecorded (a logged <see cref="RecordingEventKind.RunUnrecorded"/>).
/// A paused session's room is (re)created with its folder but not recording, so a Janus restart during a pause does
/// not silently resume it. Singleton (the media layer is); reads the database through a scope per call.
/// </summary>
internal sealed class SessionRecordingPolicy(IServiceScopeFactory scopes, RecordingPaths paths, TimeProvider time)
    : IRoomRecordingPolicy
{
    public async ValueTask<RoomRecording> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var realtime = scope.ServiceProvider.GetRequiredService<RealtimeDbContext>();
        var session = await realtime.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.BookingId }).SingleOrDefaultAsync(cancellationToken);
        if (session is null || !await BookingRecordsAsync(scope.ServiceProvider, session.BookingId, cancellationToken))
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

    /// <summary>
    /// Whether a session for <paramref name="bookingId"/> is recorded: the setting's default, narrowed by the booking's
    /// reception rule ("record sessions"); ad-hoc sessions (no booking) follow the default.
    /// </summary>
    public static Task<bool> BookingRecordsAsync(IServiceProvider services, Guid? bookingId, CancellationToken cancellationToken) =>
        BookingRecordsAsync(
            services.GetRequiredService<IOptions<RecordingOptions>>().Value,
            services.GetRequiredService<IBookingDirectory>(),
            services.GetRequiredService<IReceptionRecordingRules>(),
            bookingId,
            cancellationToken);

    /// <inheritdoc cref="BookingRecordsAsync(IServiceProvider, Guid?, CancellationToken)"/>
    public static async Task<bool> BookingRecordsAsync(RecordingOptions options, IBookingDirectory bookings, IReceptionRecordingRules rules, Guid? bookingId, CancellationToken cancellationToken)
    {
        if (!options.RecordByDefault)
        {
            return false;
        }

        if (bookingId is not { } id || await bookings.FindAsync(id, cancellationToken) is not { } booking)
        {
            return true;
        }

        return await rules.RecordsSessionsAsync(booking.ReceptionDayId, cancellationToken);
    }

    /// <summary>Server-generated base name of one publish (ids and a timestamp only; never user input).</summary>
    /// <remarks>A random tail keeps two publishes of one participant in the same millisecond (camera and screen on resume) apart.</remarks>
    public string PublisherFileBase(Guid sessionId, Guid participantId) =>
        RecordingPaths.PublisherBaseName(participantId, time.GetUtcNow()) + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
}
