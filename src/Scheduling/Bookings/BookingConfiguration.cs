using DaoVien.OnlineReception.Kernel.Legal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    /// <summary>The index that makes a slot impossible to hold twice (pending or confirmed), whatever the races.</summary>
    public const string SlotIndex = "ux_bookings_active_slot";

    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings", t =>
        {
            t.HasCheckConstraint("ck_bookings_representatives", FormattableString.Invariant($"\"RepresentativeCount\" between 1 and {LegalLimits.MaxRepresentatives}"));
            // A sealed booking keeps no identity in plain form (docs/adr/0004).
            t.HasCheckConstraint("ck_bookings_sealed_identity",
                "\"SealedIdentity\" is null or (\"FullName\" is null and \"CitizenIdNumber\" is null and \"Phone\" is null and \"Email\" is null and \"Address\" is null and \"Representatives\" is null)");
        });
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Code).HasMaxLength(12);
        builder.HasIndex(b => b.Code).IsUnique();
        builder.Property(b => b.JoinTokenHash).HasMaxLength(32);
        builder.HasIndex(b => b.JoinTokenHash).IsUnique();
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.SubjectArea).HasMaxLength(100);
        builder.Property(b => b.Summary).HasMaxLength(2000);
        builder.Property(b => b.FullName).HasMaxLength(200);
        builder.Property(b => b.CitizenIdNumber).HasMaxLength(12);
        builder.Property(b => b.Phone).HasMaxLength(20);
        builder.Property(b => b.Email).HasMaxLength(254);
        builder.Property(b => b.Address).HasMaxLength(300);
        builder.Property(b => b.Representatives).HasColumnType("jsonb");
        builder.Property(b => b.RejectionReason).HasMaxLength(500);
        builder.Property(b => b.DecidedBy).HasMaxLength(100);
        builder.Ignore(b => b.IsSealed);
        builder.HasIndex(b => new { b.ReceptionDayId, b.SlotStart })
            .IsUnique()
            .HasDatabaseName(SlotIndex)
            .HasFilter("\"Status\" in ('Pending', 'Confirmed')");
        builder.HasMany(b => b.Attachments).WithOne().HasForeignKey(a => a.BookingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReceptionDays.ReceptionDay>().WithMany().HasForeignKey(b => b.ReceptionDayId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BookingAttachmentConfiguration : IEntityTypeConfiguration<BookingAttachment>
{
    public void Configure(EntityTypeBuilder<BookingAttachment> builder)
    {
        // A sealed attachment's bytes are a sealed file (they start with its magic), never the plain file (docs/adr/0081).
        builder.ToTable("booking_attachments", t => t.HasCheckConstraint("ck_booking_attachments_sealed",
            "\"SealKeyFingerprint\" is null or substring(\"Content\" from 1 for 4) = '\\x44534631'::bytea"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.SealKeyFingerprint).HasMaxLength(64);
        builder.Ignore(a => a.IsSealed);
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(50);
        builder.Property(a => a.Sha256).HasMaxLength(64);
    }
}
