using System.Text.Json;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

internal sealed class BookingSealing(SchedulingDbContext db, IIdentitySealer sealer, ILogger<BookingSealing> logger) : IBookingSealing
{
    /// <summary>What stands in for the citizen's e-mail address in mails already sent: the address itself is identity.</summary>
    public const string SealedRecipient = "(đã niêm phong)";

    public async Task<bool> SealAsDenunciationAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        var booking = await db.Bookings.Include(b => b.Attachments).FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null)
        {
            return false;
        }

        var email = booking.Email;
        if (!booking.IsSealed)
        {
            booking.SealedIdentity = sealer.Seal(JsonSerializer.Serialize(new BookingService.SealedIdentityFields(
                booking.FullName ?? "", booking.CitizenIdNumber ?? "", booking.Phone ?? "", email, booking.Address ?? "", booking.Representatives ?? [])));
            booking.SealKeyFingerprint = sealer.KeyFingerprint;
            booking.FullName = null;
            booking.CitizenIdNumber = null;
            booking.Phone = null;
            booking.Email = null;
            booking.Address = null;
            booking.Representatives = null;
        }

        booking.Kind = MatterKind.Denunciation;
        var number = 1;
        foreach (var attachment in booking.Attachments.OrderBy(a => a.Id))
        {
            if (!attachment.IsSealed)
            {
                await BookingService.SealAttachmentAsync(attachment, number, sealer, cancellationToken);
            }

            number++;
        }

        // A denunciation booking keeps no e-mail address (docs/adr/0004): mails not yet sent are dropped, sent ones
        // keep their record without the address.
        var mails = await db.Outbox.Where(m => m.BookingId == bookingId).ToListAsync(cancellationToken);
        db.Outbox.RemoveRange(mails.Where(m => m.SentAt is null));
        foreach (var sent in mails.Where(m => m.SentAt is not null))
        {
            sent.Recipient = SealedRecipient;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Booking {BookingId} sealed as a denunciation ({Attachments} attachments, {Mails} mails)", booking.Id, booking.Attachments.Count, mails.Count);
        return true;
    }
}
