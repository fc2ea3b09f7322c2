using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

internal sealed class ReceptionDayConfiguration : IEntityTypeConfiguration<ReceptionDay>
{
    public void Configure(EntityTypeBuilder<ReceptionDay> builder)
    {
        builder.ToTable("reception_days", t =>
        {
            t.HasCheckConstraint("ck_reception_days_times", "\"EndsAt\" > \"StartsAt\"");
            // A hand-over is kept whole: who, when and why, or none of them.
            t.HasCheckConstraint("ck_reception_days_delegation", "(\"DelegatedAt\" is null) = (\"DelegatedBy\" is null) AND (\"DelegatedAt\" is null) = (\"DelegationReason\" is null)");
        });
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Reason).HasMaxLength(500);
        builder.Property(d => d.CancelReason).HasMaxLength(500);
        builder.Property(d => d.PresidingName).HasMaxLength(200);
        builder.Property(d => d.Place).HasMaxLength(300);
        builder.Property(d => d.SubstituteForName).HasMaxLength(200);
        builder.Property(d => d.DelegatedBy).HasMaxLength(256);
        builder.Property(d => d.DelegationReason).HasMaxLength(DayDelegation.MaxReasonLength);
        builder.HasIndex(d => d.Date);
        // Idempotent publishing: one day per rule occurrence, whatever moved it since.
        builder.HasIndex(d => new { d.RuleId, d.RuleDate }).IsUnique().HasFilter("\"RuleId\" is not null");
    }
}
