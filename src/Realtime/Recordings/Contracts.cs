using System.Security.Claims;

namespace DaoVien.OnlineReception.Realtime.Recordings;

/// <summary>A participant of a session whose media Janus recorded.</summary>
/// <param name="ParticipantId">The session's participant id (staff id or the citizen's admission id).</param>
/// <param name="Label">A role label without personal data ("Chủ tọa", "Công dân 1"), shown in the manifest.</param>
public sealed record ArchiveParticipant(Guid ParticipantId, string Label);

/// <summary>What the session code hands to the archive queue when a session ends (or is found crashed).</summary>
/// <param name="SessionId">The reception session.</param>
/// <param name="BookingId">Its booking, if any (ad-hoc sessions have none).</param>
/// <param name="CaseNumber">The case number to burn into the composite's caption, when known.</param>
/// <param name="StartedAt">Session start (UTC).</param>
/// <param name="EndedAt">Session end, or when the crash was noticed (UTC).</param>
/// <param name="EndKind">Normal end or crash recovery.</param>
/// <param name="Participants">Everyone who published media.</param>
/// <param name="SealAsDenunciation">
/// True when the session is about a denunciation without a booking saying so (an ad-hoc reception): its media are
/// sealed as a denunciation booking's are (docs/adr/0043, 0066).
/// </param>
public sealed record ArchiveRequest(
    Guid SessionId,
    Guid? BookingId,
    string? CaseNumber,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    Archiving.SessionEndKind EndKind,
    IReadOnlyList<ArchiveParticipant> Participants,
    bool SealAsDenunciation = false);

/// <summary>Queues a session's recordings for archiving (idempotent per session).</summary>
public interface IRecordingArchiver
{
    /// <summary>Queues the archive job of <see cref="ArchiveRequest.SessionId"/>; a second call for the same session returns the first job's id.</summary>
    Task<Guid> EnqueueAsync(ArchiveRequest request, CancellationToken cancellationToken);
}

/// <summary>Where Janus records a session, and whether it can.</summary>
public interface IRecordingStorage
{
    /// <summary>Creates (if needed) and returns the server-generated folder to pass to Janus as <c>rec_dir</c> for the session.</summary>
    string PrepareSessionFolder(Guid sessionId);

    /// <summary>
    /// The base file name (no folder: Janus puts it in the room's <c>rec_dir</c>) to pass as the videoroom publisher's
    /// <c>filename</c> on <c>publish</c>; Janus appends the track suffix. A new name per publish, so a republish after a
    /// reconnection never overwrites the earlier segment, and the archive knows whose tracks they are.
    /// </summary>
    string PublisherFileBase(Guid sessionId, Guid participantId);

    /// <summary>Pre-session check: the folder is writable and has more free space than the configured floor.</summary>
    Task<RecordingReadiness> CheckReadinessAsync(CancellationToken cancellationToken);

    /// <summary>Logs the chairman's explicit choice to run a session unrecorded (with the problem they were shown).</summary>
    Task RecordRunUnrecordedAsync(Guid sessionId, Guid staffId, string problem, CancellationToken cancellationToken);
}

/// <summary>Result of the pre-session storage check.</summary>
/// <param name="CanRecord">True when the folder is writable and free space is above the floor.</param>
/// <param name="Problem">A Vietnamese sentence for the chairman when <paramref name="CanRecord"/> is false.</param>
/// <param name="FreeBytes">Free bytes on the recording volume (0 when unknown).</param>
public sealed record RecordingReadiness(bool CanRecord, string? Problem, long FreeBytes);

/// <summary>The recording notice a participant must acknowledge before being recorded.</summary>
/// <param name="TextVersion">Version id of the text (stored with each acknowledgment).</param>
/// <param name="Text">The notice in Vietnamese.</param>
public sealed record ConsentNotice(string TextVersion, string Text);

/// <summary>Consent to recording (Nghị định 13/2023/NĐ-CP; Law 91/2025/QH15): notice, acknowledgment, check.</summary>
public interface IRecordingConsent
{
    /// <summary>The current notice to show before recording.</summary>
    ConsentNotice GetNotice();

    /// <summary>Stores who acknowledged which text and when; idempotent. Throws <see cref="ArgumentException"/> for an unknown text version.</summary>
    Task<DateTimeOffset> RecordAcknowledgmentAsync(Guid sessionId, Guid participantId, string textVersion, CancellationToken cancellationToken);

    /// <summary>True once the participant acknowledged the current notice for the session; publish with recording only then.</summary>
    Task<bool> IsConsentedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken);
}

/// <summary>The chairman's pause/resume, and the session code's reports of interruptions (gaps in the manifest).</summary>
public interface IRecordingControl
{
    /// <summary>Pauses the session's recording (logged with the reason); false if it was already paused.</summary>
    Task<bool> PauseAsync(Guid sessionId, Guid staffId, string reason, CancellationToken cancellationToken);

    /// <summary>Resumes a paused recording; false if it was not paused.</summary>
    Task<bool> ResumeAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken);

    /// <summary>True while the session's recording is paused (for the indicator).</summary>
    Task<bool> IsPausedAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>A participant's browser or network dropped.</summary>
    Task ReportDisconnectedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken);

    /// <summary>A participant is back (republished).</summary>
    Task ReportReconnectedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken);

    /// <summary>The media server died and was restarted during the session.</summary>
    Task ReportMediaServerRestartedAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>A participant refused the recording notice they were shown (logged with its version); the presiding official decides what follows.</summary>
    Task RecordRefusalAsync(Guid sessionId, Guid participantId, string textVersion, CancellationToken cancellationToken);

    /// <summary>True when the participant refused the recording notice in this session.</summary>
    Task<bool> HasRefusedAsync(Guid sessionId, Guid participantId, CancellationToken cancellationToken);

    /// <summary>
    /// After a participant's refusal the presiding official continues without recording: the choice is logged and the
    /// room stops recording for the rest of the session. False when nobody in the session refused (nothing to decide).
    /// </summary>
    Task<bool> ContinueUnrecordedAfterRefusalAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken);
}

/// <summary>
/// Implemented by the media-server code (Janus client): turns a session's recording on/off, e.g. the videoroom
/// <c>configure</c> with <c>record</c> for every publisher. <see cref="IRecordingControl"/> calls it on pause/resume.
/// </summary>
public interface IRecordingSwitch
{
    /// <summary>Starts or stops Janus recording every publisher of the session.</summary>
    Task SetRecordingAsync(Guid sessionId, bool record, CancellationToken cancellationToken);
}

/// <summary>Raised after an archive is complete (folder in place, manifest hashed). Implemented by the host (src/Web).</summary>
public interface IArchiveEvents
{
    /// <summary>
    /// Called once per completed archive; the host attaches it to the session's case via <see cref="IArchiveCaseLinks"/>
    /// when there is one. An exception is logged and the archive stays unattached (staff can attach it by hand).
    /// </summary>
    Task ArchiveCompletedAsync(ArchiveCompleted archive, CancellationToken cancellationToken);
}

/// <summary>A completed archive.</summary>
/// <param name="ArchiveId">The archive (opaque, random id).</param>
/// <param name="SessionId">Its session.</param>
/// <param name="BookingId">The session's booking, if any.</param>
/// <param name="CaseNumber">The case number the request carried, if any.</param>
/// <param name="ManifestSha256">SHA-256 of the archive's manifest (what the session's minutes cite).</param>
public sealed record ArchiveCompleted(Guid ArchiveId, Guid SessionId, Guid? BookingId, string? CaseNumber, string? ManifestSha256 = null);

/// <summary>A case's view of one archive.</summary>
/// <param name="ArchiveId">The archive.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="SessionStartedAt">Session start (UTC).</param>
/// <param name="SessionEndedAt">Session end (UTC).</param>
/// <param name="CaseId">The case it is attached to, if any.</param>
public sealed record ArchiveSummary(Guid ArchiveId, Guid SessionId, DateTimeOffset SessionStartedAt, DateTimeOffset SessionEndedAt, Guid? CaseId);

/// <summary>Attaching archives to case files (the case registry lives in another module; ids only).</summary>
public interface IArchiveCaseLinks
{
    /// <summary>Attaches the archive to a case (moving it from another case if needed); <paramref name="staffId"/> null = automatic. Logged.</summary>
    Task AttachAsync(Guid archiveId, Guid caseId, string? caseNumber, Guid? staffId, CancellationToken cancellationToken);

    /// <summary>Detaches the archive from its case; logged. The archive stays linked to its session/booking.</summary>
    Task DetachAsync(Guid archiveId, Guid staffId, CancellationToken cancellationToken);

    /// <summary>Archives attached to a case.</summary>
    Task<IReadOnlyList<ArchiveSummary>> ListForCaseAsync(Guid caseId, CancellationToken cancellationToken);

    /// <summary>The archive of a session, if it is complete.</summary>
    Task<ArchiveSummary?> FindBySessionAsync(Guid sessionId, CancellationToken cancellationToken);
}

/// <summary>
/// The case number of a session, asked by the archive worker just before it builds the composite, so the caption can
/// carry it: the case is opened by the host when the session ends, after the archive request was shaped. Implemented by
/// the host over the case registry; without it the caption shows "—".
/// </summary>
public interface IArchiveCaseNumbers
{
    /// <summary>The number of the case opened from <paramref name="sessionId"/>, or null if there is none (yet).</summary>
    Task<string?> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken);
}

/// <summary>No case registry in this host: captions show "—".</summary>
internal sealed class NoArchiveCaseNumbers : IArchiveCaseNumbers
{
    public Task<string?> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>An archive as the access decision sees it (ids only).</summary>
/// <param name="ArchiveId">The archive.</param>
/// <param name="SessionId">Its session.</param>
/// <param name="CaseId">The case it is attached to, if any.</param>
public sealed record ArchiveAccessItem(Guid ArchiveId, Guid SessionId, Guid? CaseId);

/// <summary>
/// Who may list, play, download and relink which archive: through its case, decided exactly as the case pages decide
/// (the case registry lives in another module, so the host implements it). An archive on no case: see docs/adr/0070.
/// </summary>
public interface IArchiveAccessPolicy
{
    /// <summary>The ids among <paramref name="archives"/> that <paramref name="user"/> may open.</summary>
    Task<IReadOnlySet<Guid>> VisibleAsync(ClaimsPrincipal user, IReadOnlyCollection<ArchiveAccessItem> archives, CancellationToken cancellationToken);
}

/// <summary>No case registry in this host: nobody may open an archive (evidence fails closed).</summary>
internal sealed class NoArchiveAccess : IArchiveAccessPolicy
{
    public Task<IReadOnlySet<Guid>> VisibleAsync(ClaimsPrincipal user, IReadOnlyCollection<ArchiveAccessItem> archives, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<Guid>>(new HashSet<Guid>());
}
