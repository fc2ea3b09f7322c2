using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Scheduling.ReceptionRules;

internal sealed class ReceptionRuleConfiguration : IEntityTypeConfiguration<ReceptionRule>
{
    public void Configure(EntityTypeBuilder<ReceptionRule> builder)
    {
        builder.ToTable("reception_rules", t =>
        {
            t.HasCheckConstraint("ck_reception_rules_times", "\"EndTime\" > \"StartTime\"");
            t.HasCheckConstraint("ck_reception_rules_slots", "\"SlotMinutes\" between 5 and 240 and \"Capacity\" >= 1");
            t.HasCheckConstraint("ck_reception_rules_presiding", "\"PresidingOfficialId\" is not null or \"PresidingRole\" is not null");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Recurrence).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.DayOfWeek).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.PresidingRole).HasMaxLength(40);
        builder.Property(r => r.Place).HasMaxLength(300);
        // Rules that existed before the setting keep recording: the database default is the domain default.
        builder.Property(r => r.RecordSessions).HasDefaultValue(true).HasSentinel(true);
    }
}
