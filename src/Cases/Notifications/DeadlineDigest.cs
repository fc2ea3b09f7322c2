using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Notifications;

/// <summary>
/// One staff member's e-mail of one day: the notifications it carries point to it (<see cref="CaseNotification.DigestId"/>),
/// so its content is fixed before it is queued. Unique per recipient and day; its id is the outbox message's id, so
/// queueing it again after a crash is refused by the outbox (docs/adr/0065).
/// </summary>
internal sealed class DeadlineDigest
{
    public Guid Id { get; set; }

    public Guid RecipientId { get; set; }

    /// <summary>Ward date of the sweep that made it.</summary>
    public DateOnly Date { get; set; }

    public int NotificationCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it went into the outbox; null until then (a later sweep queues it).</summary>
    public DateTimeOffset? QueuedAt { get; set; }

    /// <summary>Set instead of <see cref="QueuedAt"/> when the account has no e-mail address: the dashboard still shows the rows.</summary>
    public bool NoAddress { get; set; }
}

internal sealed class DeadlineDigestConfiguration : IEntityTypeConfiguration<DeadlineDigest>
{
    public void Configure(EntityTypeBuilder<DeadlineDigest> builder)
    {
        builder.ToTable("deadline_digests");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        // One digest a day per person, also when two sweeps race (a manual run beside the scheduled one).
        builder.HasIndex(d => new { d.RecipientId, d.Date }).IsUnique();
        builder.HasIndex(d => d.QueuedAt).HasFilter("\"QueuedAt\" is null and not \"NoAddress\"");
    }
}
