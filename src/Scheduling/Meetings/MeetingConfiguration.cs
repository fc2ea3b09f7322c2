using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Scheduling.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("meetings", t => t.HasCheckConstraint("ck_meetings_times", "\"EndsAt\" > \"StartsAt\""));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.Place).HasMaxLength(300);
        builder.HasIndex(m => new { m.OfficialId, m.StartsAt });
    }
}

internal sealed class OfficialBusyPeriodConfiguration : IEntityTypeConfiguration<OfficialBusyPeriod>
{
    /// <summary>Name of the exclusion constraint (created in the migration; EF has no model for it).</summary>
    public const string ExclusionConstraint = "ex_official_busy_periods_overlap";

    /// <summary>A meeting against a reception day's block (rows of different sources only; created in the migration).</summary>
    public const string BlockExclusionConstraint = "ex_official_busy_periods_block";

    public void Configure(EntityTypeBuilder<OfficialBusyPeriod> builder)
    {
        builder.ToTable("official_busy_periods", t =>
        {
            t.HasCheckConstraint("ck_official_busy_periods_times", "\"EndsAt\" > \"StartsAt\"");
            t.HasCheckConstraint("ck_official_busy_periods_source", "(\"ReceptionDayId\" is null) <> (\"MeetingId\" is null)");
            t.HasCheckConstraint("ck_official_busy_periods_block", "\"BlockStartsAt\" <= \"StartsAt\" AND \"BlockEndsAt\" >= \"EndsAt\"");
        });
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => b.ReceptionDayId).IsUnique();
        builder.HasIndex(b => b.MeetingId).IsUnique();
    }
}
