using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;

namespace DaoVien.OnlineReception.Scheduling.Notifications;

/// <summary>
/// Writes notification e-mails into the outbox, in the caller's unit of work (saved with the change they report).
/// Bookings without an e-mail address (and sealed ones, which keep none in plain form) get nothing.
/// </summary>
internal sealed class NotificationComposer(SchedulingDbContext db, WardClock clock, PublicAddress publicAddress, OutboxBodies bodies)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public void BookingReceived(Booking booking, ReceptionDay day, string joinToken, string joinPathTemplate) =>
        Enqueue(booking, NotificationKind.BookingReceived, Messages.Official("Mail.Received.Subject", booking.Code),
            Messages.Official("Mail.Received.Body", booking.Code, Describe(day, booking), StatusLink(booking), Link(joinPathTemplate.Replace("{token}", joinToken, StringComparison.Ordinal))));

    public void JoinLinkReissued(Booking booking, ReceptionDay day, string joinToken, string joinPathTemplate) =>
        Enqueue(booking, NotificationKind.JoinLinkReissued, Messages.Official("Mail.Reissued.Subject", booking.Code),
            Messages.Official("Mail.Reissued.Body", booking.Code, Describe(day, booking), Link(joinPathTemplate.Replace("{token}", joinToken, StringComparison.Ordinal)), StatusLink(booking)));

    public void BookingConfirmed(Booking booking, ReceptionDay day) =>
        Enqueue(booking, NotificationKind.BookingConfirmed, Messages.Official("Mail.Confirmed.Subject", booking.Code),
            Messages.Official("Mail.Confirmed.Body", booking.Code, Describe(day, booking), StatusLink(booking)));

    public void BookingRejected(Booking booking, ReceptionDay day) =>
        Enqueue(booking, NotificationKind.BookingRejected, Messages.Official("Mail.Rejected.Subject", booking.Code),
            Messages.Official("Mail.Rejected.Body", booking.Code, Describe(day, booking), booking.RejectionReason, StatusLink(booking)));

    public void DayMoved(Booking booking, ReceptionDay day, DateOnly previousDate, string reason) =>
        Enqueue(booking, NotificationKind.DayMoved, Messages.Official("Mail.Moved.Subject", booking.Code),
            Messages.Official("Mail.Moved.Body", booking.Code, previousDate.ToString("dd/MM/yyyy", Vi), Describe(day, booking), reason, StatusLink(booking)));

    public void DayCancelled(Booking booking, ReceptionDay day, string reason) =>
        Enqueue(booking, NotificationKind.DayCancelled, Messages.Official("Mail.Cancelled.Subject", booking.Code),
            Messages.Official("Mail.Cancelled.Body", booking.Code, Describe(day, booking), reason));

    public void PresidingChanged(Booking booking, ReceptionDay day, string previousPresiding, string reason) =>
        Enqueue(booking, NotificationKind.PresidingChanged, Messages.Official("Mail.PresidingChanged.Subject", booking.Code),
            Messages.Official("Mail.PresidingChanged.Body", booking.Code, Describe(day, booking), day.PresidingName, previousPresiding, reason, StatusLink(booking)));

    public void BookingExpired(Booking booking, ReceptionDay day) =>
        Enqueue(booking, NotificationKind.BookingExpired, Messages.Official("Mail.Expired.Subject", booking.Code),
            Messages.Official("Mail.Expired.Body", booking.Code, Describe(day, booking), Link("/Calendar")));

    public void Reminder(Booking booking, ReceptionDay day) =>
        Enqueue(booking, NotificationKind.Reminder, Messages.Official("Mail.Reminder.Subject", booking.Code),
            Messages.Official("Mail.Reminder.Body", booking.Code, Describe(day, booking), day.Place, StatusLink(booking)));

    private void Enqueue(Booking booking, NotificationKind kind, string subject, string body)
    {
        if (string.IsNullOrWhiteSpace(booking.Email))
        {
            return;
        }

        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Recipient = booking.Email,
            Subject = subject,
            Body = bodies.Seal(body),
            BookingId = booking.Id,
            CreatedAt = clock.UtcNow,
        });
    }

    private static string Describe(ReceptionDay day, Booking booking) =>
        string.Create(Vi, $"{day.Date.ToString("dddd, dd/MM/yyyy", Vi)} {booking.SlotStart:HH\\:mm}–{booking.SlotEnd:HH\\:mm}");

    private string StatusLink(Booking booking) => Link("/Booking/Status?code=" + booking.Code);

    private string Link(string path) => publicAddress.Link(path);
}
