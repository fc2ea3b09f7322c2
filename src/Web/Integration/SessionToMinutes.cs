using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Minutes;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Bookings;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>
/// The minutes of a session (Cases) from what Realtime, Scheduling and Recordings know of it: generated when the
/// session ends (after <see cref="SessionToCaseFile"/> opened any case), generated again when its archive is complete
/// so they carry the manifest hash (docs/adr/0067).
/// </summary>
internal sealed class SessionToMinutes(
    IReceptionSessionDirectory sessions,
    IBookingDirectory bookings,
    ICaseHistoryReader cases,
    ISessionMinutes minutes) : ISessionOutcomeSink, IArchiveEvents
{
    public async Task SessionEndedAsync(ReceptionSessionInfo session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await minutes.GenerateAsync(await InputAsync(session, null, cancellationToken), cancellationToken);
    }

    public async Task ArchiveCompletedAsync(ArchiveCompleted archive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (archive.ManifestSha256 is null || await sessions.FindAsync(archive.SessionId, cancellationToken) is not { Outcome: not null } session)
        {
            return; // a crashed session without its late outcome yet: the minutes come with the outcome
        }

        await minutes.GenerateAsync(await InputAsync(session, archive.ManifestSha256, cancellationToken), cancellationToken);
    }

    private async Task<MinutesInput> InputAsync(ReceptionSessionInfo session, string? manifestSha256, CancellationToken cancellationToken)
    {
        var booking = session.BookingId is { } id ? await bookings.FindAsync(id, cancellationToken) : null;
        var chat = await sessions.ChatLogAsync(session.SessionId, cancellationToken);
        var opened = await cases.ForSessionAsync(session.SessionId, cancellationToken);
        var participants = session.Participants.Select(p => new MinutesParticipant(p.DisplayName, p.Role switch
        {
            ParticipantRole.Presiding => MinutesPdf.PresidingRole,
            ParticipantRole.Official => "Cán bộ tham dự",
            // A dialogue's outside participant is named with the body they represent (and their position).
            ParticipantRole.Guest => p.Organisation ?? "Đại diện cơ quan, tổ chức",
            _ => "Công dân",
        })).ToList();
        var presented = booking?.Summary ?? session.AdHoc?.Reason ?? session.Dialogue?.Subject ?? "Tiếp công dân đột xuất.";
        var outcome = SessionToCaseFile.Outcome(session);
        return new MinutesInput(
            session.SessionId,
            session.PresidingOfficialId,
            session.StartedAt,
            session.EndedAt ?? session.StartedAt,
            SessionToCaseFile.MatterOf(booking, session),
            participants,
            presented,
            outcome.Outcome,
            outcome.Ground,
            session.Outcome == SessionOutcome.GuidedToCompetentAgency ? SessionToCaseFile.GuidedTo(session.OutcomeNote) : null,
            SessionToCaseFile.Notes(session),
            [.. chat.Select(c => new MinutesChatLine(c.SentAt, c.AuthorName, c.Text, c.Sealed))],
            opened?.Number ?? session.Dialogue?.CaseNumber,
            manifestSha256,
            Dialogue: session.Dialogue is not null);
    }
}
