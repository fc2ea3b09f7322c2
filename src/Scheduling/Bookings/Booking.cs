using DaoVien.OnlineReception.Kernel.Sealing;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>
/// A citizen's booking of one slot. For a denunciation the identity fields stay null and
/// <see cref="SealedIdentity"/> holds them sealed with the public key (the server cannot open it).
/// </summary>
internal sealed class Booking
{
    public Guid Id { get; set; }

    public required string Code { get; set; }

    /// <summary>SHA-256 of the private join token; the token itself is shown once and never stored.</summary>
    public required byte[] JoinTokenHash { get; set; }

    public Guid ReceptionDayId { get; set; }

    public TimeOnly SlotStart { get; set; }

    public TimeOnly SlotEnd { get; set; }

    public BookingStatus Status { get; set; }

    public MatterKind Kind { get; set; }

    public required string SubjectArea { get; set; }

    public required string Summary { get; set; }

    public string? FullName { get; set; }

    public string? CitizenIdNumber { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    /// <summary>Other representatives of a group (names only), null for one person or when sealed.</summary>
    public List<string>? Representatives { get; set; }

    public int RepresentativeCount { get; set; } = 1;

    public string? SealedIdentity { get; set; }

    public string? SealKeyFingerprint { get; set; }

    public DateTimeOffset PrivacyAcknowledgedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>Set once the day-before reminder went to the outbox (so the reminder job is idempotent).</summary>
    public DateTimeOffset? ReminderQueuedAt { get; set; }

    public List<BookingAttachment> Attachments { get; set; } = [];

    public bool IsSealed => SealedIdentity is not null;
}

/// <summary>
/// A file the citizen attached; its type was recognised from its content, never its name. A denunciation's file is
/// stored sealed (<see cref="SealedFile"/> bytes, a neutral name, <see cref="SealKeyFingerprint"/> set): staff see that
/// it exists, its type and size, never its content; the offline tool opens it (docs/adr/0081).
/// </summary>
internal sealed class BookingAttachment
{
    public Guid Id { get; set; }

    public Guid BookingId { get; set; }

    /// <summary>Name the citizen's file had, kept for display only (sanitised, never used as a path).</summary>
    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    /// <summary>The file, or for a sealed one its <see cref="SealedFile"/> form.</summary>
    public required byte[] Content { get; set; }

    /// <summary>SHA-256 of the file as received (for a sealed one: of the opened content, to check an opening offline).</summary>
    public required string Sha256 { get; set; }

    /// <summary>Fingerprint of the public key the file is sealed with; null for a plain file.</summary>
    public string? SealKeyFingerprint { get; set; }

    public bool IsSealed => SealKeyFingerprint is not null;
}
