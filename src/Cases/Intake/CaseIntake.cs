using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.ReceptionBook;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Representation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Cases.Intake;

// IBookingDirectory is resolved when a booking is read, not at construction: the scheduling module implements it,
// and the reception book, intake of sessions and in-person receptions must not depend on bookings being available.
internal sealed class CaseIntake(CasesDbContext db, CaseRegistry registry, IServiceProvider services, IStaffDirectory staff, IOptions<RepresentationOptions> representation, WardClock clock) : ICaseIntake
{
    public async Task<IntakeResult<Guid>> RecordReceptionAsync(ReceptionRecord reception, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reception);
        var error = Validate(reception);
        if (error is not null)
        {
            return new(Guid.Empty, error);
        }

        var participants = reception.Participants.Where(p => !string.IsNullOrWhiteSpace(p.FullName)).ToArray();
        var sealedKind = reception.Kind == CaseKind.Denunciation;
        var entry = new ReceptionEntry
        {
            Id = Guid.NewGuid(),
            ReceivedAt = reception.ReceivedAt.ToUniversalTime(),
            Date = clock.LocalDate(reception.ReceivedAt),
            Channel = reception.Channel,
            Kind = reception.Kind,
            CitizenName = sealedKind ? null : string.Join("; ", participants.Select(p => p.FullName.Trim())),
            CitizenAddress = sealedKind ? null : participants[0].Address?.Trim(),
            CitizenIdNumber = sealedKind ? null : participants[0].IdNumber?.Trim(),
            CitizenIdHash = sealedKind ? null : CitizenIdHash.Compute(participants[0].IdNumber),
            CitizenPhone = sealedKind ? null : participants[0].Phone?.Trim(),
            SealedIdentity = sealedKind ? reception.SealedIdentity ?? registry.SealIdentity(participants) : null,
            Content = reception.Content.Trim(),
            SubjectArea = reception.SubjectArea.Trim(),
            PeopleCount = Math.Max(reception.PeopleCount, participants.Length),
            PreviouslyHandledBy = reception.PreviouslyHandledBy?.Trim(),
            Outcome = reception.Outcome,
            RefusalGround = reception.Outcome == ReceptionOutcome.Refused ? reception.RefusalGround : null,
            GuidedTo = reception.Outcome == ReceptionOutcome.Guided ? reception.GuidedTo?.Trim() : null,
            Notes = reception.Notes?.Trim(),
            SessionId = reception.SessionId,
            BookingId = reception.BookingId,
            RecordedBy = reception.RecordedBy,
            RecordedAt = clock.UtcNow,
        };
        db.Receptions.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return new(entry.Id, null);
    }

    public async Task<IntakeResult<CaseReference>> CreateCaseFromBookingAsync(Guid bookingId, Guid? actorId, CancellationToken cancellationToken = default)
    {
        var existing = await db.Cases.AsNoTracking().Where(c => c.BookingId == bookingId).Select(c => new CaseReference(c.Id, c.Number)).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return new(existing, null);
        }

        var bookings = services.GetService<IBookingDirectory>();
        var booking = bookings is null ? null : await bookings.FindAsync(bookingId, cancellationToken);
        if (booking is null)
        {
            return new(null, CaseErrors.BookingUnknown);
        }

        var kind = (CaseKind)(int)booking.Kind;
        // A denunciation booking's identity is sealed in the scheduling module: it never reaches us in plain form.
        var persons = await bookings!.FindParticularsAsync(bookingId, cancellationToken) is { } given
            ? ReceptionParticipant.FromBooking(given)
            : [new ReceptionParticipant(booking.DisplayName ?? "(đã niêm phong — xem đặt lịch " + booking.Code + ")", null, null, null, booking.RepresentativeCount > 1)];
        var (result, file) = await registry.CreateAsync(
            new NewCase(kind, CaseChannel.Booking, booking.SubjectArea, booking.Summary, booking.Date > clock.Today ? clock.Today : booking.Date, persons, booking.RepresentativeCount > 1, null, BookingId: bookingId,
                PeopleCount: Math.Max(1, booking.RepresentativeCount), SealedIdentity: kind == CaseKind.Denunciation ? booking.SealedIdentity : null),
            await ActorAsync(actorId, cancellationToken), cancellationToken);
        return result.Succeeded ? new(new CaseReference(file!.Id, file.Number), null) : new(null, result.Error);
    }

    public async Task<IntakeResult<CaseReference>> CreateCaseFromReceptionAsync(Guid receptionId, Guid? actorId, CancellationToken cancellationToken = default)
    {
        var entry = await db.Receptions.FirstOrDefaultAsync(r => r.Id == receptionId, cancellationToken);
        if (entry is null)
        {
            return new(null, CaseErrors.ReceptionUnknown);
        }

        if (entry.CaseId is { } caseId)
        {
            var number = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync(cancellationToken);
            return new(new CaseReference(caseId, number), null);
        }

        // The server cannot unseal a denouncer's identity to copy it: the sealed value itself moves to the case.
        ReceptionParticipant[] persons = entry.IsSealed
            ? [new ReceptionParticipant("(sealed)", null, null, null, false)]
            : [.. (entry.CitizenName ?? "?").Split("; ").Select((n, i) => i == 0
                ? new ReceptionParticipant(n, entry.CitizenAddress, entry.CitizenIdNumber, entry.CitizenPhone, entry.PeopleCount > 1)
                : new ReceptionParticipant(n, null, null, null, entry.PeopleCount > 1))];
        var (result, file) = await registry.CreateAsync(
            new NewCase(entry.Kind, entry.Channel, entry.SubjectArea, entry.Content, entry.Date, persons, entry.PeopleCount > 1, actorId,
                BookingId: entry.BookingId is { } b && !await db.Cases.AnyAsync(c => c.BookingId == b, cancellationToken) ? b : null,
                ReceptionId: entry.Id, SessionId: entry.SessionId, SealedIdentity: entry.SealedIdentity, PeopleCount: Math.Max(entry.PeopleCount, persons.Length),
                SessionLabel: entry.SessionId is null ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Phiên tiếp trực tuyến {entry.Date:dd/MM/yyyy}")),
            await ActorAsync(actorId, cancellationToken), cancellationToken);
        if (!result.Succeeded)
        {
            return new(null, result.Error);
        }

        entry.CaseId = file!.Id;
        entry.FollowUp = "Đã lập hồ sơ " + file.Number;
        await db.SaveChangesAsync(cancellationToken);
        return new(new CaseReference(file.Id, file.Number), null);
    }

    // The history names who acted; the caller already authorized the action (intake runs on the web host's behalf).
    private async Task<CaseActor> ActorAsync(Guid? actorId, CancellationToken cancellationToken) =>
        actorId is { } id ? new CaseActor(id, (await staff.FindAsync(id, cancellationToken))?.UserName ?? id.ToString(), true, false) : CaseActor.System;

    private string? Validate(ReceptionRecord r)
    {
        if (r.Channel is not (CaseChannel.OnlineSession or CaseChannel.Booking or CaseChannel.InPerson))
        {
            return CaseErrors.ReceptionChannel;
        }

        if (string.IsNullOrWhiteSpace(r.Content))
        {
            return CaseErrors.SummaryRequired;
        }

        if (string.IsNullOrWhiteSpace(r.SubjectArea))
        {
            return CaseErrors.SubjectRequired;
        }

        var people = r.Participants.Count(p => !string.IsNullOrWhiteSpace(p.FullName));
        if (people == 0)
        {
            return CaseErrors.PersonRequired;
        }

        if (people > representation.Value.MaxFor(Math.Max(people, r.PeopleCount)))
        {
            return CaseErrors.TooManyRepresentatives;
        }

        if (r.Outcome == ReceptionOutcome.Refused && r.RefusalGround is null)
        {
            return CaseErrors.ReceptionOutcomeGround;
        }

        return r.Outcome == ReceptionOutcome.Guided && string.IsNullOrWhiteSpace(r.GuidedTo) ? CaseErrors.ReceptionGuidedTo : null;
    }
}
