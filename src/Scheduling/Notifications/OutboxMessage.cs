namespace DaoVien.OnlineReception.Scheduling.Notifications;

/// <summary>
/// An e-mail waiting to be sent (or sent). Written in the same transaction as the change it reports, so a
/// notification is never lost; the sender job delivers pending ones and records failures for staff to see.
/// </summary>
internal sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public NotificationKind Kind { get; set; }

    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public Guid? BookingId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

internal enum NotificationKind
{
    BookingReceived = 0,
    BookingConfirmed = 1,
    BookingRejected = 2,
    DayMoved = 3,
    DayCancelled = 4,
    Reminder = 5,

    /// <summary>A staff member's daily digest of another module (case deadlines), through <see cref="IMailOutbox"/>.</summary>
    StaffDigest = 6,

    /// <summary>An unconfirmed booking expired and its slot was freed.</summary>
    BookingExpired = 7,

    /// <summary>Another official presides the booked day in place of the one published (docs/adr/0083).</summary>
    PresidingChanged = 8,

    /// <summary>The citizen asked for a new join link on the status page (docs/adr/0092).</summary>
    JoinLinkReissued = 9,
}
