using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

internal sealed record AttachmentUpload(string? FileName, byte[] Content);

internal sealed record BookingRequest(
    Guid ReceptionDayId,
    TimeOnly SlotStart,
    string? FullName,
    string? CitizenIdNumber,
    string? Phone,
    string? Email,
    string? Address,
    MatterKind Kind,
    string? SubjectArea,
    string? Summary,
    bool PrivacyAcknowledged,
    IReadOnlyList<string>? OtherRepresentatives = null,
    IReadOnlyList<AttachmentUpload>? Attachments = null);

/// <summary>What the citizen is shown once: the code and the private join link's token (never stored in plain).</summary>
internal sealed record BookingReceipt(Guid Id, string Code, string JoinToken, string JoinPath, DateOnly Date, TimeOnly SlotStart, TimeOnly SlotEnd);

internal sealed partial class BookingService(
    SchedulingDbContext db,
    IIdentitySealer sealer,
    NotificationComposer notifications,
    WardClock clock,
    IOptions<SchedulingOptions> options,
    IOptions<Representation.RepresentationOptions> representation,
    ILogger<BookingService> logger)
{
    private BookingOptions Settings => options.Value.Bookings;

    public async Task<Outcome<BookingReceipt>> CreateAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<SchedulingError>();
        Clean(request, out var cleaned, errors);
        request = cleaned;
        Validate(request, errors);

        var attachments = new List<BookingAttachment>();
        foreach (var upload in request.Attachments ?? [])
        {
            if (upload.Content.Length > Settings.MaxAttachmentBytes)
            {
                Add(errors, SchedulingError.Invalid("Booking.AttachmentTooLarge", "attachments", AttachmentInspector.SafeFileName(upload.FileName, "application/pdf"), Settings.MaxAttachmentBytes / (1024 * 1024)));
                continue;
            }

            if (AttachmentInspector.Inspect(upload.Content) is not { } inspected)
            {
                Add(errors, SchedulingError.Invalid("Booking.AttachmentType", "attachments", AttachmentInspector.DisplayName(upload.FileName)));
                continue;
            }

            attachments.Add(new BookingAttachment
            {
                Id = Guid.CreateVersion7(),
                FileName = AttachmentInspector.SafeFileName(upload.FileName, inspected.ContentType),
                ContentType = inspected.ContentType,
                Length = inspected.Content.Length,
                Content = inspected.Content,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(inspected.Content)),
            });
        }

        var day = await db.ReceptionDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.ReceptionDayId, cancellationToken);
        var slot = day is null ? default : ReceptionDaySlots.For(day).FirstOrDefault(s => s.Start == request.SlotStart);
        if (day is null || day.Status != ReceptionDayStatus.Published)
        {
            errors.Insert(0, SchedulingError.Invalid("Booking.DayNotOpen", "receptionDayId"));
        }
        else if (slot == default)
        {
            errors.Insert(0, SchedulingError.Invalid("Booking.NoSuchSlot", "slotStart"));
        }
        else if (clock.ToInstant(day.Date, slot.Start) <= clock.UtcNow)
        {
            errors.Insert(0, SchedulingError.Invalid("Booking.SlotInPast", "slotStart"));
        }

        // A missing day is always among the errors.
        var invalid = SchedulingError.Of(errors);
        if (invalid is not null || day is null)
        {
            return invalid!;
        }

        if (request.Kind == MatterKind.Denunciation)
        {
            for (var i = 0; i < attachments.Count; i++)
            {
                await SealAttachmentAsync(attachments[i], i + 1, sealer, cancellationToken);
            }
        }

        var token = JoinTokens.NewToken();
        var booking = new Booking
        {
            Id = Guid.CreateVersion7(),
            Code = JoinTokens.NewCode(),
            JoinTokenHash = JoinTokens.Hash(token),
            ReceptionDayId = day.Id,
            SlotStart = slot.Start,
            SlotEnd = slot.End,
            Status = BookingStatus.Pending,
            Kind = request.Kind,
            SubjectArea = request.SubjectArea!.Trim(),
            Summary = request.Summary!.Trim(),
            RepresentativeCount = 1 + (request.OtherRepresentatives?.Count(r => !string.IsNullOrWhiteSpace(r)) ?? 0),
            PrivacyAcknowledgedAt = clock.UtcNow,
            CreatedAt = clock.UtcNow,
            Attachments = attachments,
        };
        var others = request.OtherRepresentatives?.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList();
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (request.Kind == MatterKind.Denunciation)
        {
            // Luật Tố cáo Art. 9, 47: the identity is sealed on arrival; no plain copy is ever written.
            booking.SealedIdentity = sealer.Seal(JsonSerializer.Serialize(new SealedIdentityFields(
                request.FullName!.Trim(), CitizenIdNumber.Normalize(request.CitizenIdNumber), request.Phone!.Trim(), email, request.Address!.Trim(), others ?? [])));
            booking.SealKeyFingerprint = sealer.KeyFingerprint;
        }
        else
        {
            booking.FullName = request.FullName!.Trim();
            booking.CitizenIdNumber = CitizenIdNumber.Normalize(request.CitizenIdNumber);
            booking.Phone = request.Phone!.Trim();
            booking.Email = email;
            booking.Address = request.Address!.Trim();
            booking.Representatives = others is { Count: > 0 } ? others : null;
        }

        var slotTaken = SchedulingError.Conflict(Messages.Format("Booking.SlotTaken", slot.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        // The common refusal is answered from a read; the unique index below still decides the races.
        if (await db.Bookings.AnyAsync(b => b.ReceptionDayId == day.Id && b.SlotStart == slot.Start && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed), cancellationToken))
        {
            return slotTaken;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!booking.IsSealed && await TooManyActiveAsync(booking.CitizenIdNumber!, booking.Phone!, cancellationToken))
        {
            return SchedulingError.Conflict(Messages.Format("Booking.TooManyActive", Settings.MaxActivePerPerson));
        }

        db.Bookings.Add(booking);
        notifications.BookingReceived(booking, day, token, Settings.JoinPathTemplate);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (PostgresErrors.Is(ex, PostgresErrors.UniqueViolation, BookingConfiguration.SlotIndex))
        {
            db.ChangeTracker.Clear();
            return slotTaken;
        }

        logger.LogInformation("Booking {BookingId} received for reception day {ReceptionDayId}", booking.Id, day.Id);
        return new BookingReceipt(booking.Id, booking.Code, token, Settings.JoinPathTemplate.Replace("{token}", token, StringComparison.Ordinal), day.Date, slot.Start, slot.End);
    }

    /// <summary>
    /// A denunciation's file is personal data of the denouncer like their name (a letter in their hand, a photo):
    /// only its sealed form is kept, under a neutral name (the citizen's own file name may name them), docs/adr/0081.
    /// </summary>
    internal static async Task SealAttachmentAsync(BookingAttachment attachment, int number, IIdentitySealer sealer, CancellationToken cancellationToken)
    {
        using var sealedContent = new MemoryStream();
        using (var plain = new MemoryStream(attachment.Content, writable: false))
        {
            await SealedFile.SealAsync(plain, sealedContent, sealer, cancellationToken);
        }

        attachment.FileName = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tep-dinh-kem-{number}{AttachmentInspector.ExtensionFor(attachment.ContentType)}");
        attachment.Content = sealedContent.ToArray();
        attachment.SealKeyFingerprint = sealer.KeyFingerprint;
    }

    /// <summary>
    /// Whether this ID number or phone already holds <see cref="BookingOptions.MaxActivePerPerson"/> active bookings.
    /// Transaction-scoped advisory locks on both keys (taken in a fixed order) serialise concurrent bookings of one
    /// person, so the count cannot be raced past; they are released with the caller's transaction.
    /// </summary>
    private async Task<bool> TooManyActiveAsync(string citizenId, string phone, CancellationToken cancellationToken)
    {
        foreach (var key in new[] { "booking-id:" + citizenId, "booking-phone:" + phone }.Order(StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        }

        var today = clock.Today;
        var active = from b in db.Bookings
                     join d in db.ReceptionDays on b.ReceptionDayId equals d.Id
                     where (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed) && d.Date >= today
                     select b;
        var limit = Settings.MaxActivePerPerson;
        return await active.CountAsync(b => b.CitizenIdNumber == citizenId, cancellationToken) >= limit
            || await active.CountAsync(b => b.Phone == phone, cancellationToken) >= limit;
    }

    public async Task<Outcome<Booking>> ConfirmAsync(Guid bookingId, string staffUserName, CancellationToken cancellationToken) =>
        await DecideAsync(bookingId, staffUserName, null, cancellationToken);

    public async Task<Outcome<Booking>> RejectAsync(Guid bookingId, string? reason, string staffUserName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return SchedulingError.Invalid("Booking.RejectReasonRequired", "reason");
        }

        return await DecideAsync(bookingId, staffUserName, reason.Trim(), cancellationToken);
    }

    private async Task<Outcome<Booking>> DecideAsync(Guid bookingId, string staffUserName, string? rejection, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null)
        {
            return SchedulingError.NotFound("Booking.NotFound");
        }

        if (booking.Status != BookingStatus.Pending)
        {
            return SchedulingError.Conflict(Messages.Get("Booking.AlreadyDecided"));
        }

        var day = await db.ReceptionDays.AsNoTracking().FirstAsync(d => d.Id == booking.ReceptionDayId, cancellationToken);
        booking.Status = rejection is null ? BookingStatus.Confirmed : BookingStatus.Rejected;
        booking.RejectionReason = rejection;
        booking.DecidedAt = clock.UtcNow;
        booking.DecidedBy = staffUserName;
        if (rejection is null)
        {
            notifications.BookingConfirmed(booking, day);
        }
        else
        {
            notifications.BookingRejected(booking, day);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SchedulingError.Conflict(Messages.Get("Booking.AlreadyDecided"));
        }

        return booking;
    }

    /// <summary>Free text NFC-normalised and trimmed, the phone number without its spaces, dots or dashes.</summary>
    private static void Clean(BookingRequest request, out BookingRequest cleaned, List<SchedulingError> errors)
    {
        cleaned = request;
        var fields = new (string Field, string? Value, bool Multiline)[]
        {
            ("fullName", request.FullName, false), ("address", request.Address, false), ("email", request.Email, false),
            ("subjectArea", request.SubjectArea, false), ("summary", request.Summary, true),
        };
        var values = new string?[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            if (!TextInput.TryClean(fields[i].Value, fields[i].Multiline, out values[i]))
            {
                errors.Add(SchedulingError.Invalid("Booking.HiddenCharacters", fields[i].Field, Messages.Get("Booking.Field." + fields[i].Field)));
                values[i] = fields[i].Value;
            }
        }

        var representatives = new List<string>();
        foreach (var other in request.OtherRepresentatives ?? [])
        {
            if (!TextInput.TryClean(other, multiline: false, out var name))
            {
                errors.Add(SchedulingError.Invalid("Booking.HiddenCharacters", "representatives", Messages.Get("Booking.Field.representatives")));
                name = other;
            }

            representatives.Add(name ?? "");
        }

        cleaned = request with
        {
            FullName = values[0], Address = values[1], Email = values[2], SubjectArea = values[3], Summary = values[4],
            Phone = request.Phone is null ? null : PhoneSeparators().Replace(request.Phone, ""),
            OtherRepresentatives = request.OtherRepresentatives is null ? null : representatives,
        };
    }

    /// <summary>Every field's mistake at once, in the form's order, so the citizen can mend them in one go; one per field.</summary>
    private void Validate(BookingRequest request, List<SchedulingError> errors)
    {
        if (string.IsNullOrWhiteSpace(request.FullName) || request.FullName.Trim().Length > 200)
        {
            Add(errors, SchedulingError.Invalid("Booking.NameRequired", "fullName"));
        }

        if (!CitizenIdNumber.IsValid(CitizenIdNumber.Normalize(request.CitizenIdNumber)))
        {
            Add(errors, SchedulingError.Invalid("Booking.BadCitizenId", "citizenIdNumber"));
        }

        if (request.Phone is null || !PhonePattern().IsMatch(request.Phone.Trim()))
        {
            Add(errors, SchedulingError.Invalid("Booking.BadPhone", "phone"));
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && (request.Email.Length > 254 || !MailAddress.TryCreate(request.Email.Trim(), out _)))
        {
            Add(errors, SchedulingError.Invalid("Booking.BadEmail", "email"));
        }

        if (string.IsNullOrWhiteSpace(request.Address) || request.Address.Length > 300)
        {
            Add(errors, SchedulingError.Invalid("Booking.AddressRequired", "address"));
        }

        if (!Enum.IsDefined(request.Kind))
        {
            Add(errors, SchedulingError.Invalid("Booking.BadKind", "kind"));
        }

        if (string.IsNullOrWhiteSpace(request.SubjectArea) || request.SubjectArea.Length > 100)
        {
            Add(errors, SchedulingError.Invalid("Booking.SubjectRequired", "subjectArea"));
        }

        if (string.IsNullOrWhiteSpace(request.Summary) || request.Summary.Length > 2000)
        {
            Add(errors, SchedulingError.Invalid("Booking.SummaryRequired", "summary"));
        }

        if (!request.PrivacyAcknowledged)
        {
            Add(errors, SchedulingError.Invalid("Booking.PrivacyRequired", "privacyAcknowledged"));
        }

        var representatives = 1 + (request.OtherRepresentatives?.Count(r => !string.IsNullOrWhiteSpace(r)) ?? 0);
        // The booking does not know the group's size: the absolute cap applies (NĐ 124/2020 Art. 7, Ward:Representatives).
        if (representatives > representation.Value.MaxRepresentatives || request.OtherRepresentatives?.Any(r => r?.Length > 200) == true)
        {
            Add(errors, SchedulingError.Invalid("Booking.TooManyRepresentatives", "representatives", representation.Value.MaxRepresentatives));
        }

        if ((request.Attachments?.Count ?? 0) > Settings.MaxAttachments)
        {
            Add(errors, SchedulingError.Invalid("Booking.TooManyAttachments", "attachments", Settings.MaxAttachments));
        }

    }

    private static void Add(List<SchedulingError> errors, SchedulingError error)
    {
        if (!errors.Exists(e => e.Field == error.Field))
        {
            errors.Add(error);
        }
    }

    // How people write numbers: "0912 345 678", "0912.345.678", "(024) 3826-1234".
    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex PhoneSeparators();

    // Vietnamese mobile and landline numbers: 10 digits from 0, or +84 and 9 digits.
    [GeneratedRegex(@"^(0|\+84)\d{9}$")]
    private static partial Regex PhonePattern();

    internal sealed record SealedIdentityFields(string FullName, string CitizenIdNumber, string Phone, string? Email, string Address, IReadOnlyList<string> Representatives);
}
