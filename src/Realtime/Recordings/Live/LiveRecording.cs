using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings.Live;

/// <summary>
/// A live session's recording as the room's participants act on it: the notice, consent and refusal (docs/adr/0093),
/// the presiding official's pause, resume and continue-unrecorded, the pre-session storage check and the gaps a dropped
/// connection leaves. The hub authorizes the caller against their admission first and only maps these answers to
/// client messages; the decisions live here, next to the recording services they combine.
/// </summary>
internal sealed class LiveRecording(
    IRecordingConsent consent,
    IRecordingControl control,
    IRoomRecordingPolicy policy,
    IRecordingStorage storage,
    IBookingDirectory bookings,
    IReceptionRecordingRules rules,
    IOptions<RecordingOptions> options)
{
    public ValueTask<RoomRecording> OfSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        policy.ForSessionAsync(sessionId, cancellationToken);

    /// <summary>In a recorded room nobody publishes (so nothing of theirs is recorded) before their acknowledgment is stored.</summary>
    public async Task<bool> MayPublishAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken) =>
        await OfSessionAsync(sessionId, cancellationToken) is not { Folder: not null }
        || await consent.IsConsentedAsync(sessionId, participantId, cancellationToken);

    public async Task<RecordingStatusView> StatusAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken)
    {
        var recording = await OfSessionAsync(sessionId, cancellationToken);
        var notice = consent.GetNotice();
        if (recording.Folder is null)
        {
            return new RecordingStatusView(false, false, true, notice.TextVersion, notice.Text);
        }

        var consented = await consent.IsConsentedAsync(sessionId, participantId, cancellationToken);
        var refused = !consented && await control.HasRefusedAsync(sessionId, participantId, cancellationToken);
        return new RecordingStatusView(true, !recording.Record, consented, notice.TextVersion, notice.Text, refused);
    }

    /// <summary>Stores the participant's acknowledgment of <paramref name="textVersion"/>; false when that is not the current notice.</summary>
    public async Task<bool> AcknowledgeAsync(Guid sessionId, Guid participantId, string textVersion, CancellationToken cancellationToken)
    {
        try
        {
            await consent.RecordAcknowledgmentAsync(sessionId, participantId, textVersion, cancellationToken);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// The participant refuses the notice <paramref name="textVersion"/>. Nothing to refuse in a room that does not
    /// record; an agreement already given stands for this session.
    /// </summary>
    public async Task<RefusalOutcome> RefuseAsync(Guid sessionId, Guid participantId, bool presiding, string textVersion, CancellationToken cancellationToken)
    {
        if (textVersion != consent.GetNotice().TextVersion)
        {
            return RefusalOutcome.NoticeChanged;
        }

        if (presiding)
        {
            return RefusalOutcome.PresidingCannotRefuse;
        }

        if (await OfSessionAsync(sessionId, cancellationToken) is not { Folder: not null }
            || await consent.IsConsentedAsync(sessionId, participantId, cancellationToken))
        {
            return RefusalOutcome.NothingToRefuse;
        }

        await control.RecordRefusalAsync(sessionId, participantId, textVersion, cancellationToken);
        return RefusalOutcome.Refused;
    }

    /// <summary>False when nobody in the session refused: the choice answers a refusal only.</summary>
    public Task<bool> ContinueUnrecordedAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken) =>
        control.ContinueUnrecordedAfterRefusalAsync(sessionId, staffId, cancellationToken);

    /// <summary>Pauses the recording for <paramref name="reason"/> (logged); false when the session does not record.</summary>
    public async Task<bool> PauseAsync(Guid sessionId, Guid staffId, string reason, CancellationToken cancellationToken)
    {
        if (await OfSessionAsync(sessionId, cancellationToken) is not { Folder: not null })
        {
            return false;
        }

        await control.PauseAsync(sessionId, staffId, reason, cancellationToken);
        return true;
    }

    public Task ResumeAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken) =>
        control.ResumeAsync(sessionId, staffId, cancellationToken);

    /// <summary>A participant of a recorded session dropped or came back: the gap in their recording is logged.</summary>
    public async Task ReportGapAsync(Guid sessionId, Guid participantId, bool back, CancellationToken cancellationToken)
    {
        if (await OfSessionAsync(sessionId, cancellationToken) is not { Folder: not null })
        {
            return;
        }

        await (back
            ? control.ReportReconnectedAsync(sessionId, participantId, cancellationToken)
            : control.ReportDisconnectedAsync(sessionId, participantId, cancellationToken));
    }

    /// <summary>
    /// The pre-session storage check, for sessions that record (<paramref name="bookingId"/> null: ad-hoc). Not ready
    /// and not <paramref name="runUnrecorded"/>: refused with the problem, so the chairman decides; with the explicit
    /// choice the problem is returned for the log (no problem: records normally).
    /// </summary>
    public async Task<StorageVerdict> CheckStorageAsync(Guid? bookingId, bool runUnrecorded, CancellationToken cancellationToken)
    {
        if (!await SessionRecordingPolicy.BookingRecordsAsync(options.Value, bookings, rules, bookingId, cancellationToken))
        {
            return new StorageVerdict(false, null);
        }

        var readiness = await storage.CheckReadinessAsync(cancellationToken);
        if (!readiness.CanRecord && !runUnrecorded)
        {
            return new StorageVerdict(true, readiness.Problem);
        }

        return new StorageVerdict(false, readiness.CanRecord ? null : readiness.Problem ?? "storage not ready");
    }
}

/// <summary>What became of a participant's refusal of the recording notice.</summary>
internal enum RefusalOutcome
{
    /// <summary>Stored: the presiding official is to be told.</summary>
    Refused,

    /// <summary>The room does not record, or the participant agreed already: nothing changed.</summary>
    NothingToRefuse,

    NoticeChanged,

    PresidingCannotRefuse,
}

/// <summary>The storage check's answer: <paramref name="Refused"/> with the problem, or the problem an unrecorded session logs.</summary>
internal readonly record struct StorageVerdict(bool Refused, string? Problem);

/// <summary>A participant's view of the session's recording: the notice to acknowledge and the indicator's state.</summary>
internal sealed record RecordingStatusView(bool Recorded, bool Paused, bool Consented, string NoticeVersion, string NoticeText, bool Refused = false);
