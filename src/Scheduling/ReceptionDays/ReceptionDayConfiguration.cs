using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

internal sealed class ReceptionDayConfiguration : IEntityTypeConfiguration<ReceptionDay>
{
    public void Configure(EntityTypeBuilder<ReceptionDay> builder)
    {
        builder.ToTable("reception_days", t => t.HasCheckConstraint("ck_reception_days_times", "\"EndsAt\" > \"StartsAt\""));
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Reason).HasMaxLength(500);
        builder.Property(d => d.CancelReason).HasMaxLength(500);
        builder.Property(d => d.PresidingName).HasMaxLength(200);
        builder.Property(d => d.Place).HasMaxLength(300);
        builder.HasIndex(d => d.Date);
        // Idempotent publishing: one day per rule occurrence, whatever moved it since.
        builder.HasIndex(d => new { d.RuleId, d.RuleDate }).IsUnique().HasFilter("\"RuleId\" is not null");
    }
}
