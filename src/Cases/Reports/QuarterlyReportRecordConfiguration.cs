using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Reports;

internal sealed class QuarterlyReportRecordConfiguration : IEntityTypeConfiguration<QuarterlyReportRecord>
{
    public void Configure(EntityTypeBuilder<QuarterlyReportRecord> builder)
    {
        builder.ToTable("quarterly_reports", t => t.HasCheckConstraint("ck_report_quarter", "\"Quarter\" BETWEEN 1 AND 4"));
        builder.HasKey(r => r.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Json).HasColumnType("jsonb");
        // One scheduled report per quarter: a double fire of the job adds nothing.
        builder.HasIndex(r => new { r.Year, r.Quarter }).IsUnique().HasFilter("\"IsScheduled\"");
    }
}
