using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Bookings;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>
/// A reception session ended (Realtime) → it goes into the reception book, and "case accepted" opens the case file
/// (Cases). The two modules do not know each other; the host translates between their contracts.
/// </summary>
internal sealed class SessionToCaseFile(
    ICaseIntake intake,
    IBookingDirectory bookings,
    SessionArchiveLinker linker,
    ILogger<SessionToCaseFile> logger) : ISessionOutcomeSink
{
    public async Task SessionEndedAsync(ReceptionSessionInfo session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Dialogue is not null)
        {
            // A dialogue is a step in handling a case that exists (linked when it opened), not a reception that
            // enters the book or opens a case: its archive and minutes reach that case through the link (docs/adr/0088).
            return;
        }

        var booking = session.BookingId is { } bookingId ? await bookings.FindAsync(bookingId, cancellationToken) : null;
        var citizens = session.Participants.Where(p => p.Role == ParticipantRole.Citizen).ToList();
        // A booked citizen gave name, address, ID and phone at booking: the book and the case carry them (the room
        // only knew a display name). An ad-hoc citizen gave a name when joining; a sealed booking gives nothing here.
        var given = booking is not null ? await bookings.FindParticularsAsync(booking.Id, cancellationToken) : null;
        var participants = given is not null
            ? ReceptionParticipant.FromBooking(given)
            : [.. citizens.Select(c => new ReceptionParticipant(c.DisplayName, null, null, null, IsRepresentative: citizens.Count > 1))];
        var reception = new ReceptionRecord(
            ReceivedAt: session.StartedAt,
            Channel: CaseChannel.OnlineSession,
            Kind: MatterOf(booking, session),
            SubjectArea: booking?.SubjectArea ?? "Tiếp công dân đột xuất",
            Content: booking?.Summary ?? session.AdHoc?.Reason ?? session.OutcomeNote ?? "Tiếp công dân đột xuất trực tuyến",
            Participants: participants,
            PeopleCount: new[] { 1, citizens.Count, participants.Count, booking?.RepresentativeCount ?? 1 }.Max(),
            Outcome: Outcome(session).Outcome,
            RefusalGround: Outcome(session).Ground,
            GuidedTo: session.Outcome == SessionOutcome.GuidedToCompetentAgency ? GuidedTo(session.OutcomeNote) : null,
            PreviouslyHandledBy: null,
            Notes: Notes(session),
            SessionId: session.SessionId,
            BookingId: session.BookingId,
            RecordedBy: session.OutcomeRecordedBy ?? (session.PresidingOfficialId == Guid.Empty ? null : session.PresidingOfficialId),
            // A denunciation booking's identity was sealed when it was booked: the book row carries that very value
            // (the room only knew "Công dân"). An ad-hoc denouncer's name was sealed when they joined; the one-time
            // link admits one citizen.
            SealedIdentity: booking?.SealedIdentity ?? citizens.Select(c => c.SealedIdentity).FirstOrDefault(s => s is not null));

        var recorded = await intake.RecordReceptionAsync(reception, cancellationToken);
        if (!recorded.Succeeded)
        {
            logger.LogError("Session {SessionId} could not enter the reception book: {Error}", session.SessionId, recorded.Error);
            return;
        }

        if (session.Outcome != SessionOutcome.CaseAccepted)
        {
            return;
        }

        var opened = await intake.CreateCaseFromReceptionAsync(recorded.Value, reception.RecordedBy, cancellationToken);
        if (!opened.Succeeded || opened.Value is null)
        {
            logger.LogError("Session {SessionId}: case not opened: {Error}", session.SessionId, opened.Error);
            return;
        }

        // An archive that finished before the case existed is attached now.
        await linker.LinkAsync(session.SessionId, opened.Value, null, keepExistingLink: false, cancellationToken);
    }

    /// <summary>The session's outcome and refusal ground in the case module's terms.</summary>
    internal static (ReceptionOutcome Outcome, ReceptionRefusalGround? Ground) Outcome(ReceptionSessionInfo session) => (
        session.Outcome switch
        {
            SessionOutcome.CaseAccepted => ReceptionOutcome.CaseAccepted,
            SessionOutcome.GuidedToCompetentAgency => ReceptionOutcome.Guided,
            SessionOutcome.Refused => ReceptionOutcome.Refused,
            _ => ReceptionOutcome.AnsweredOnSpot,
        },
        session.RefusalGround switch
        {
            RefusalGround.UnableToControlBehaviour => ReceptionRefusalGround.UnableToControlBehaviour,
            RefusalGround.ThreatensOrBreaksRules => ReceptionRefusalGround.ThreatensOrBreaksRules,
            RefusalGround.AlreadyResolvedAndRepeated => ReceptionRefusalGround.AlreadyResolved,
            _ => null,
        });

    /// <summary>A booked session's matter comes from its booking; an ad-hoc one's from the presiding official's choice at opening; a dialogue's from its case.</summary>
    internal static CaseKind MatterOf(BookingSummary? booking, ReceptionSessionInfo session) =>
        booking is not null ? (CaseKind)(int)booking.Kind
        : session.AdHoc is { } adHoc ? (CaseKind)(int)adHoc.Kind
        : session.Dialogue is { } dialogue ? (CaseKind)(int)dialogue.Kind
        : CaseKind.Feedback;

    /// <summary>
    /// The book's "guided to" column holds <see cref="ReceptionRecord.GuidedToMaxLength"/> characters while the presiding
    /// official's note may be longer: the column gets its start, the note is kept whole in the notes (an overlong
    /// column lost the entry).
    /// </summary>
    internal static string GuidedTo(string? note) =>
        string.IsNullOrWhiteSpace(note) ? "Cơ quan có thẩm quyền"
        : note.Length <= ReceptionRecord.GuidedToMaxLength ? note
        : note[..(ReceptionRecord.GuidedToMaxLength - 1)] + "…";

    /// <summary>The book must show that a reception was cut off by a crash and its outcome given afterwards.</summary>
    internal static string? Notes(ReceptionSessionInfo session)
    {
        if (!session.Interrupted)
        {
            return session.OutcomeNote;
        }

        const string interrupted = "Phiên tiếp bị gián đoạn do sự cố hệ thống; kết quả được ghi nhận sau.";
        return session.OutcomeNote is null ? interrupted : interrupted + " " + session.OutcomeNote;
    }
}
