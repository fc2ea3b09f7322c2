using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.Bookings;

namespace DaoVien.OnlineReception.Cases.Intake;

/// <summary>What the presiding official decided at the end of a reception (Luật Tiếp công dân Art. 28).</summary>
public enum ReceptionOutcome
{
    /// <summary>Explained and answered on the spot; no case file.</summary>
    AnsweredOnSpot = 0,

    /// <summary>A case file is opened for the matter.</summary>
    CaseAccepted = 1,

    /// <summary>Guided to the competent agency (name it in <see cref="ReceptionRecord.GuidedTo"/>).</summary>
    Guided = 2,

    /// <summary>Refused, with a legal ground (<see cref="ReceptionRefusalGround"/>).</summary>
    Refused = 3,
}

/// <summary>Grounds to refuse receiving a person (Luật Tiếp công dân 2013 Art. 9).</summary>
public enum ReceptionRefusalGround
{
    /// <summary>Intoxicated, mentally ill or unable to control their behaviour.</summary>
    UnableToControlBehaviour = 0,

    /// <summary>Threatens or insults, or breaks the reception rules.</summary>
    ThreatensOrBreaksRules = 1,

    /// <summary>The matter was already resolved correctly and reviewed, yet is repeated.</summary>
    AlreadyResolved = 2,
}

/// <summary>A participant as the session knew them. For a denunciation the module seals these fields at once.</summary>
/// <param name="FullName">Name the citizen gave.</param>
/// <param name="Address">Address, when given.</param>
/// <param name="IdNumber">Citizen ID number as text (never an image of the card).</param>
/// <param name="Phone">Phone, when given.</param>
/// <param name="IsRepresentative">True for a group's appointed representative.</param>
public sealed record ReceptionParticipant(string FullName, string? Address, string? IdNumber, string? Phone, bool IsRepresentative)
{
    /// <summary>The booker with what they gave at booking, then a group's other representatives by name.</summary>
    public static IReadOnlyList<ReceptionParticipant> FromBooking(BookingParticulars given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var group = given.Representatives.Count > 0;
        return
        [
            new ReceptionParticipant(given.FullName, given.Address, given.CitizenIdNumber, given.Phone, group),
            .. given.Representatives.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => new ReceptionParticipant(n.Trim(), null, null, null, IsRepresentative: true)),
        ];
    }
}

/// <summary>A reception that happened (online session or in person), for the reception book.</summary>
/// <param name="ReceivedAt">When the reception took place (UTC instant).</param>
/// <param name="Channel"><see cref="CaseChannel.OnlineSession"/>, <see cref="CaseChannel.Booking"/> or <see cref="CaseChannel.InPerson"/>.</param>
/// <param name="Kind">Matter kind; a denunciation's participants are sealed.</param>
/// <param name="SubjectArea">Subject area (land, social policy, …).</param>
/// <param name="Content">What the citizen raised.</param>
/// <param name="Participants">The citizen, or a group's representatives (at most 5).</param>
/// <param name="PeopleCount">How many people came (a group can be larger than its representatives).</param>
/// <param name="Outcome">The decision at the end of the reception.</param>
/// <param name="RefusalGround">Required when <paramref name="Outcome"/> is <see cref="ReceptionOutcome.Refused"/>.</param>
/// <param name="GuidedTo">Required when <paramref name="Outcome"/> is <see cref="ReceptionOutcome.Guided"/>: the competent agency.</param>
/// <param name="PreviouslyHandledBy">Agency that already handled the matter, when any.</param>
/// <param name="Notes">Free notes of the presiding official.</param>
/// <param name="SessionId">The realtime session, for an online reception.</param>
/// <param name="BookingId">The citizen's booking, when the reception came from one.</param>
/// <param name="RecordedBy">Staff account that took the outcome; null when recorded by the system.</param>
/// <param name="SealedIdentity">
/// For a denunciation whose identity the caller already sealed with the public key (an ad-hoc reception's citizen):
/// stored as the entry's sealed identity instead of sealing <paramref name="Participants"/>, which then hold labels only.
/// </param>
public sealed record ReceptionRecord(
    DateTimeOffset ReceivedAt,
    CaseChannel Channel,
    CaseKind Kind,
    string SubjectArea,
    string Content,
    IReadOnlyList<ReceptionParticipant> Participants,
    int PeopleCount,
    ReceptionOutcome Outcome,
    ReceptionRefusalGround? RefusalGround,
    string? GuidedTo,
    string? PreviouslyHandledBy,
    string? Notes,
    Guid? SessionId,
    Guid? BookingId,
    Guid? RecordedBy,
    string? SealedIdentity = null)
{
    /// <summary>The reception book's "guided to" column holds this many characters (a longer value is refused by the database).</summary>
    public const int GuidedToMaxLength = 300;
}

/// <summary>A case file as other modules may refer to it.</summary>
/// <param name="CaseId">The case's id.</param>
/// <param name="Number">The ward's case number (e.g. 2026-00012), printed on the citizen's receipt.</param>
public sealed record CaseReference(Guid CaseId, string Number);

/// <summary>The outcome of an intake call: a value, or the key of a refusal (its Vietnamese text is in the web host's CasesResource, e.g. <c>Error.PersonRequired</c>).</summary>
/// <typeparam name="T">The value on success.</typeparam>
/// <param name="Value">Set on success.</param>
/// <param name="Error">Set when the input was refused; nothing was changed.</param>
public sealed record IntakeResult<T>(T? Value, string? Error)
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// Entry points for other modules (wired by the web host): receptions that happened, cases from them or from a
/// booking, and recordings attached to cases. Every call validates its input and changes nothing when refusing.
/// </summary>
public interface ICaseIntake
{
    /// <summary>
    /// Records a reception in the reception book and returns its id. No case is opened here: with
    /// <see cref="ReceptionOutcome.CaseAccepted"/> the reception waits in the book for staff to open the case
    /// (or the caller opens it at once with <see cref="CreateCaseFromReceptionAsync"/>).
    /// </summary>
    Task<IntakeResult<Guid>> RecordReceptionAsync(ReceptionRecord reception, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a case from a recorded reception (staff action "create a case from this session"), linked to its session
    /// and booking; a sealed identity is carried over still sealed. Idempotent per reception.
    /// </summary>
    Task<IntakeResult<CaseReference>> CreateCaseFromReceptionAsync(Guid receptionId, Guid? actorId, CancellationToken cancellationToken = default);

    /// <summary>Opens a case from a citizen's booking (read through <c>IBookingDirectory</c>); idempotent per booking.</summary>
    Task<IntakeResult<CaseReference>> CreateCaseFromBookingAsync(Guid bookingId, Guid? actorId, CancellationToken cancellationToken = default);
}

/// <summary>Recording archives of the realtime module linked to case files; each attach/detach is in the case history.</summary>
public interface ICaseRecordings
{
    /// <summary>Links archive <paramref name="archiveId"/> to the case. Returns false when the case does not exist; linking twice is a no-op.</summary>
    Task<bool> AttachAsync(Guid caseId, Guid archiveId, string label, Guid? actorId, CancellationToken cancellationToken = default);

    /// <summary>Links the archive to every case opened from session <paramref name="sessionId"/>; returns how many cases.</summary>
    Task<int> AttachToSessionCasesAsync(Guid sessionId, Guid archiveId, string label, CancellationToken cancellationToken = default);

    /// <summary>Removes the link (the archive itself is untouched). Returns false when it was not linked.</summary>
    Task<bool> DetachAsync(Guid caseId, Guid archiveId, Guid? actorId, CancellationToken cancellationToken = default);
}

/// <summary>A citizen's earlier case as the presiding official's console shows it (no sealed or personal data).</summary>
/// <param name="CaseId">Case id.</param>
/// <param name="Number">Case number.</param>
/// <param name="Kind">Kind.</param>
/// <param name="SubjectArea">Subject area.</param>
/// <param name="ReceivedOn">Date received.</param>
/// <param name="Status">Status in Vietnamese, as staff pages show it.</param>
/// <param name="DecisionNumber">Decision number once resolved.</param>
public sealed record EarlierCase(Guid CaseId, string Number, CaseKind Kind, string SubjectArea, DateOnly ReceivedOn, string Status, string? DecisionNumber);

/// <summary>
/// What a citizen holding the booking code may know of the case their reception led to: its number, its status and
/// the legal deadlines the ward owes them — never the content, the persons or who handles it.
/// </summary>
/// <param name="Number">The case number (e.g. 2026-00012).</param>
/// <param name="Status">Status in Vietnamese.</param>
/// <param name="DecisionNumber">The decision or conclusion's number once there is one.</param>
/// <param name="Deadlines">The citizen-facing deadlines, in due order.</param>
public sealed record CitizenCaseStatus(string Number, string Status, string? DecisionNumber, IReadOnlyList<CitizenDeadline> Deadlines);

/// <summary>One legal deadline: <paramref name="Kind"/> is <c>ReceptionReply</c>, <c>Acceptance</c>, <c>Notification</c> or <c>Resolution</c>.</summary>
/// <param name="Kind">Which deadline (its label is <c>Deadline.{Kind}</c> in the web host's CasesResource).</param>
/// <param name="DueOn">Last day (ward date).</param>
/// <param name="DoneOn">When it was met, or null.</param>
public sealed record CitizenDeadline(string Kind, DateOnly DueOn, DateOnly? DoneOn);

/// <summary>Read access for the presiding official's console: the citizen's earlier cases.</summary>
public interface ICaseHistoryReader
{
    /// <summary>
    /// The case opened from booking <paramref name="bookingId"/> or from one of its sessions, as its citizen may see it
    /// (<see cref="CitizenCaseStatus"/>); null when none was opened.
    /// </summary>
    Task<CitizenCaseStatus?> CitizenStatusAsync(Guid bookingId, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default);

    /// <summary>Cases opened from that booking, or from earlier bookings/receptions of the same citizen ID number.</summary>
    Task<IReadOnlyList<EarlierCase>> ForBookingAsync(Guid bookingId, CancellationToken cancellationToken = default);

    /// <summary>Cases of the citizen with that ID number (compared by hash; denunciations are never found this way).</summary>
    Task<IReadOnlyList<EarlierCase>> ForCitizenIdNumberAsync(string idNumber, CancellationToken cancellationToken = default);

    /// <summary>The case opened from a session, or null.</summary>
    Task<CaseReference?> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>The case with number <paramref name="number"/> (as staff type it: surrounding spaces ignored), or null.</summary>
    Task<CaseReference?> FindByNumberAsync(string number, CancellationToken cancellationToken = default);
}
