namespace DaoVien.OnlineReception.Cases.Notifications;

internal enum NotificationKind
{
    Reminder = 0,
    Overdue = 1,
}

/// <summary>
/// A reminder or overdue alert for a staff member, shown on the case dashboard. <see cref="DedupKey"/> is unique,
/// so a sweep that runs twice (double fire, restart) sends nothing twice.
/// </summary>
internal sealed class CaseNotification
{
    public Guid Id { get; set; }

    public Guid RecipientId { get; set; }

    public Guid CaseId { get; set; }

    public required string CaseNumber { get; set; }

    public NotificationKind Kind { get; set; }

    public required string DedupKey { get; set; }

    public required string Message { get; set; }

    public DateOnly DueDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>The e-mail digest that carries it; null until a sweep puts it into one.</summary>
    public Guid? DigestId { get; set; }
}
