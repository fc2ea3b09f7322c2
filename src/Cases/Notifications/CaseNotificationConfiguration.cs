using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Notifications;

internal sealed class CaseNotificationConfiguration : IEntityTypeConfiguration<CaseNotification>
{
    public void Configure(EntityTypeBuilder<CaseNotification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.CaseNumber).HasMaxLength(20);
        builder.Property(n => n.DedupKey).HasMaxLength(200);
        builder.Property(n => n.Message).HasMaxLength(500);
        builder.HasIndex(n => n.DedupKey).IsUnique();
        builder.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        builder.HasOne<DeadlineDigest>().WithMany().HasForeignKey(n => n.DigestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => n.RecipientId).HasFilter("\"DigestId\" is null").HasDatabaseName("ix_notifications_undigested");
    }
}
