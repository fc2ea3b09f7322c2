namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>How a reception session ended (the reception book's "action" column).</summary>
public enum SessionOutcome
{
    /// <summary>Answered and explained on the spot.</summary>
    AnsweredOnTheSpot = 0,

    /// <summary>A case file is opened (the letter is accepted for handling).</summary>
    CaseAccepted = 1,

    /// <summary>The citizen is guided to the competent agency.</summary>
    GuidedToCompetentAgency = 2,

    /// <summary>Reception refused on one of the legal grounds of Luật Tiếp công dân Art. 9.</summary>
    Refused = 3,
}

/// <summary>The grounds to refuse receiving a person (Luật Tiếp công dân 2013, Art. 9).</summary>
public enum RefusalGround
{
    /// <summary>(1) intoxicated, mentally ill or unable to control their behaviour.</summary>
    UnableToControlBehaviour = 1,

    /// <summary>(2) threatens or insults, or breaks the reception rules.</summary>
    ThreatensOrBreaksRules = 2,

    /// <summary>(3) matter already resolved correctly and reviewed, yet repeated.</summary>
    AlreadyResolvedAndRepeated = 3,
}

/// <summary>Who a participant was in a session.</summary>
public enum ParticipantRole
{
    Citizen = 0,

    /// <summary>The chairman or vice-chairman presiding.</summary>
    Presiding = 1,

    /// <summary>Another official invited into the session.</summary>
    Official = 2,

    /// <summary>
    /// Someone from outside the ward's staff invited into a dialogue by a one-time link: the Fatherland Front, the
    /// police, another agency (docs/adr/0088). Speaks like a citizen; never moderates.
    /// </summary>
    Guest = 3,
}

/// <summary>A participant as the session record shows them (no contact data).</summary>
/// <param name="ParticipantId">Participant id within the session.</param>
/// <param name="Role">Citizen, presiding official or invited official.</param>
/// <param name="StaffId">The staff account for officials; null for citizens.</param>
/// <param name="DisplayName">The name shown in the session (a neutral label for a sealed denunciation booking).</param>
/// <param name="JoinedAt">When they entered the room (UTC), if they did.</param>
/// <param name="LeftAt">When they left or were removed (UTC).</param>
/// <param name="Removed">True when the presiding official removed them.</param>
/// <param name="SealedIdentity">
/// A citizen of an ad-hoc denunciation: the identity they gave, already sealed with the public key (JSON with
/// <c>FullName</c>); <paramref name="DisplayName"/> is then a neutral label. Null otherwise.
/// </param>
/// <param name="Organisation">
/// A dialogue's outside participant (<see cref="ParticipantRole.Guest"/>): the body they represent and their position,
/// e.g. "Chủ tịch, Ủy ban MTTQ phường". Null for everyone else.
/// </param>
public sealed record SessionParticipantInfo(Guid ParticipantId, ParticipantRole Role, Guid? StaffId, string DisplayName, DateTimeOffset? JoinedAt, DateTimeOffset? LeftAt, bool Removed, string? SealedIdentity = null, string? Organisation = null);

/// <summary>What an ad-hoc (đột xuất) reception is about, given by the presiding official when opening it.</summary>
/// <param name="Kind">Complaint, denunciation, petition or feedback; a denunciation is sealed as a booked one is.</param>
/// <param name="Reason">Why it is held / what the citizen came about.</param>
public sealed record AdHocMatter(Scheduling.Bookings.MatterKind Kind, string Reason)
{
    /// <summary>Longest reason accepted.</summary>
    public const int MaxReasonLength = 1000;
}

/// <summary>What a dialogue session (đối thoại) is held for: an open group case that is not a denunciation (docs/adr/0088).</summary>
/// <param name="CaseId">The case file in the Cases module.</param>
/// <param name="CaseNumber">Its number, as the minutes and the archive's caption print it.</param>
/// <param name="Kind">The case's kind: complaint, petition or feedback (never a denunciation).</param>
/// <param name="Subject">What the dialogue is about, in the presiding official's words.</param>
public sealed record DialogueMatter(Guid CaseId, string CaseNumber, Scheduling.Bookings.MatterKind Kind, string Subject)
{
    /// <summary>Longest subject accepted.</summary>
    public const int MaxSubjectLength = 1000;
}

/// <summary>A reception session as other modules see it (the case file, the reception book, the recordings).</summary>
/// <param name="SessionId">Session id.</param>
/// <param name="BookingId">The booking received; null for an ad-hoc reception.</param>
/// <param name="ReceptionDate">Local date of the reception.</param>
/// <param name="PresidingOfficialId">Staff id of the chairman/vice-chairman presiding.</param>
/// <param name="StartedAt">Start (UTC).</param>
/// <param name="EndedAt">End (UTC); null while running.</param>
/// <param name="Outcome">Outcome; null while running.</param>
/// <param name="RefusalGround">Legal ground when refused.</param>
/// <param name="OutcomeNote">The presiding official's note on the outcome.</param>
/// <param name="Participants">Everyone who took part.</param>
/// <param name="ChatMessageCount">Number of chat lines in the session log.</param>
/// <param name="Interrupted">
/// True when the session was cut off by a crash of the app (it did not end from the console): <paramref name="EndedAt"/>
/// is when the crash was noticed, and any outcome was recorded afterwards by <paramref name="OutcomeRecordedBy"/>.
/// The reception book should say so.
/// </param>
/// <param name="OutcomeRecordedBy">Staff account that recorded the outcome after an interruption; null when the presiding official ended the session.</param>
/// <param name="AdHoc">The matter of an ad-hoc reception; null for a booked session.</param>
/// <param name="Dialogue">The case a dialogue session was held for; null for every other session.</param>
public sealed record ReceptionSessionInfo(
    Guid SessionId,
    Guid? BookingId,
    DateOnly ReceptionDate,
    Guid PresidingOfficialId,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    SessionOutcome? Outcome,
    RefusalGround? RefusalGround,
    string? OutcomeNote,
    IReadOnlyList<SessionParticipantInfo> Participants,
    int ChatMessageCount,
    bool Interrupted = false,
    Guid? OutcomeRecordedBy = null,
    AdHocMatter? AdHoc = null,
    DialogueMatter? Dialogue = null)
{
    /// <summary>True when the session is about a denunciation: its record, recording and minutes are sealed (ad hoc; a booking says so itself).</summary>
    public bool IsAdHocDenunciation => AdHoc?.Kind == Scheduling.Bookings.MatterKind.Denunciation;
}

/// <summary>One line of a session's chat log.</summary>
/// <param name="SentAt">When it was sent (UTC).</param>
/// <param name="AuthorName">Who wrote it (display name in the session).</param>
/// <param name="Text">The text; for a sealed line the words "(nội dung được niêm phong)", never the text itself.</param>
/// <param name="Sealed">
/// True in a denunciation's session: the line is stored sealed with the public key and only the offline tool opens it
/// (docs/adr/0081).
/// </param>
public sealed record SessionChatLine(DateTimeOffset SentAt, string AuthorName, string Text, bool Sealed = false);

/// <summary>
/// Called once when a reception session ends with its outcome (after it is stored) — or, for a session interrupted by
/// a crash of the app, once when its outcome is recorded afterwards (<see cref="ReceptionSessionInfo.Interrupted"/> is
/// then true). The web host implements it to open the case file, write the reception book, start the archive. Every
/// registered sink is called; a failing sink is logged and does not undo the session's end.
/// </summary>
public interface ISessionOutcomeSink
{
    /// <summary>The session <paramref name="session"/> has ended (its <c>Outcome</c> and <c>EndedAt</c> are set).</summary>
    Task SessionEndedAsync(ReceptionSessionInfo session, CancellationToken cancellationToken);
}

/// <summary>Read access to stored reception sessions for other modules (reception book, case file, recordings).</summary>
public interface IReceptionSessionDirectory
{
    /// <summary>The session, or null.</summary>
    Task<ReceptionSessionInfo?> FindAsync(Guid sessionId, CancellationToken cancellationToken = default);

    /// <summary>Sessions whose reception date lies in [<paramref name="from"/>, <paramref name="to"/>], by start.</summary>
    Task<IReadOnlyList<ReceptionSessionInfo>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Sessions held for a booking (normally one).</summary>
    Task<IReadOnlyList<ReceptionSessionInfo>> ListForBookingAsync(Guid bookingId, CancellationToken cancellationToken = default);

    /// <summary>The session's chat log in order.</summary>
    Task<IReadOnlyList<SessionChatLine>> ChatLogAsync(Guid sessionId, CancellationToken cancellationToken = default);
}
