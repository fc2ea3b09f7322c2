using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DaoVien.OnlineReception.Realtime.Recordings.Consent;

/// <summary>Pause/resume by the chairman (logged with the reason) and the session's interruption reports.</summary>
internal sealed class RecordingControl(RecordingsDbContext db, TimeProvider time, IEnumerable<IRecordingSwitch> switches, ILogger<RecordingControl> logger)
    : IRecordingControl
{
    public async Task<bool> PauseAsync(Guid sessionId, Guid staffId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        db.Pauses.Add(new RecordingPause { SessionId = sessionId, PausedAt = time.GetUtcNow(), PausedBy = staffId, Reason = reason.Trim()[..Math.Min(reason.Trim().Length, 500)] });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The partial unique index allows one open pause per session: this one lost the race or repeated a click.
            db.ChangeTracker.Clear();
            return false;
        }

        foreach (var recordingSwitch in switches)
        {
            await recordingSwitch.SetRecordingAsync(sessionId, record: false, cancellationToken);
        }

        logger.LogInformation("Recording of session {SessionId} paused by {StaffId}", sessionId, staffId);
        return true;
    }

    public async Task<bool> ResumeAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Pauses.Where(p => p.SessionId == sessionId && p.ResumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ResumedAt, now).SetProperty(p => p.ResumedBy, staffId), cancellationToken);
        if (rows == 0)
        {
            return false;
        }

        foreach (var recordingSwitch in switches)
        {
            await recordingSwitch.SetRecordingAsync(sessionId, record: true, cancellationToken);
        }

        logger.LogInformation("Recording of session {SessionId} resumed by {StaffId}", sessionId, staffId);
        return true;
    }

    public Task<bool> IsPausedAsync(Guid sessionId, CancellationToken cancellationToken) =>
        db.Pauses.AnyAsync(p => p.SessionId == sessionId && p.ResumedAt == null, cancellationToken);

    public Task ReportDisconnectedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken) =>
        AddEventAsync(sessionId, participantId, RecordingEventKind.ParticipantDisconnected, cancellationToken);

    public Task ReportReconnectedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken) =>
        AddEventAsync(sessionId, participantId, RecordingEventKind.ParticipantReconnected, cancellationToken);

    public Task ReportMediaServerRestartedAsync(Guid sessionId, CancellationToken cancellationToken) =>
        AddEventAsync(sessionId, null, RecordingEventKind.MediaServerRestarted, cancellationToken);

    public async Task RecordRefusalAsync(Guid sessionId, Guid participantId, string textVersion, CancellationToken cancellationToken)
    {
        await AddEventAsync(sessionId, participantId, RecordingEventKind.ConsentRefused, cancellationToken, textVersion);
        logger.LogInformation("Recording notice {TextVersion} refused by participant {ParticipantId} of session {SessionId}", textVersion, participantId, sessionId);
    }

    public Task<bool> HasRefusedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken) =>
        db.Events.AnyAsync(e => e.SessionId == sessionId && e.ParticipantId == participantId && e.Kind == RecordingEventKind.ConsentRefused, cancellationToken);

    public async Task<bool> ContinueUnrecordedAfterRefusalAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken)
    {
        if (!await db.Events.AnyAsync(e => e.SessionId == sessionId && e.Kind == RecordingEventKind.ConsentRefused, cancellationToken))
        {
            return false;
        }

        // A second click (or a second official) finds the choice made already: one logged choice, one switch-off.
        if (await db.Events.AnyAsync(e => e.SessionId == sessionId && e.Kind == RecordingEventKind.RunUnrecorded, cancellationToken))
        {
            return true;
        }

        db.Events.Add(new RecordingEvent { SessionId = sessionId, Kind = RecordingEventKind.RunUnrecorded, At = time.GetUtcNow(), StaffId = staffId, Detail = "a participant refused the recording notice" });
        await db.SaveChangesAsync(cancellationToken);
        foreach (var recordingSwitch in switches)
        {
            await recordingSwitch.SetRecordingAsync(sessionId, record: false, cancellationToken);
        }

        logger.LogInformation("Session {SessionId} continues unrecorded after a refusal, chosen by {StaffId}", sessionId, staffId);
        return true;
    }

    private async Task AddEventAsync(Guid sessionId, Guid? participantId, RecordingEventKind kind, CancellationToken cancellationToken, string? detail = null)
    {
        db.Events.Add(new RecordingEvent { SessionId = sessionId, ParticipantId = participantId, Kind = kind, At = time.GetUtcNow(), Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Turns the logged pauses and interruption reports of a session into manifest gaps.</summary>
internal static class RecordingLog
{
    public static async Task<IReadOnlyList<ManifestGap>> LoggedGapsAsync(RecordingsDbContext db, Guid sessionId, DateTimeOffset sessionEnd, CancellationToken cancellationToken)
    {
        var gaps = new List<ManifestGap>();
        var pauses = await db.Pauses.Where(p => p.SessionId == sessionId).OrderBy(p => p.PausedAt).ToListAsync(cancellationToken);
        gaps.AddRange(pauses.Select(p => new ManifestGap("Paused", null, p.PausedAt, p.ResumedAt ?? sessionEnd, p.Reason)));
        var events = await db.Events.Where(e => e.SessionId == sessionId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case RecordingEventKind.ParticipantDisconnected:
                    var back = events.FirstOrDefault(r => r.Kind == RecordingEventKind.ParticipantReconnected && r.ParticipantId == e.ParticipantId && r.At >= e.At);
                    // A reloaded page's new connection can arrive before the old one's close is noticed: a return
                    // logged after this participant's previous disconnection but before this one belongs to it.
                    var previous = events.LastOrDefault(d => d.Kind == RecordingEventKind.ParticipantDisconnected && d.ParticipantId == e.ParticipantId && d.At < e.At);
                    var overtaking = back is null
                        ? events.LastOrDefault(r => r.Kind == RecordingEventKind.ParticipantReconnected && r.ParticipantId == e.ParticipantId && r.At < e.At && (previous is null || r.At > previous.At))
                        : null;
                    gaps.Add(overtaking is not null
                        ? new ManifestGap("Disconnected", e.ParticipantId, overtaking.At, e.At, "returned before the old connection closed")
                        : new ManifestGap("Disconnected", e.ParticipantId, e.At, back?.At, back is null ? "did not come back" : null));
                    break;
                case RecordingEventKind.MediaServerRestarted:
                    gaps.Add(new ManifestGap("MediaServerRestarted", null, e.At, null, null));
                    break;
                case RecordingEventKind.RunUnrecorded:
                    gaps.Add(new ManifestGap("RunUnrecorded", null, e.At, sessionEnd, e.Detail));
                    break;
                default:
                    break;
            }
        }

        return gaps;
    }
}
