using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Reports;

internal sealed class QuarterlyReportRecordConfiguration : IEntityTypeConfiguration<QuarterlyReportRecord>
{
    public void Configure(EntityTypeBuilder<QuarterlyReportRecord> builder)
    {
        builder.ToTable("quarterly_reports", t => t.HasCheckConstraint("ck_report_quarter", "\"Quarter\" BETWEEN 1 AND 4"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Json).HasColumnType("jsonb");
        // One scheduled report per quarter: a double fire of the job adds nothing.
        builder.HasIndex(r => new { r.Year, r.Quarter }).IsUnique().HasFilter("\"IsScheduled\"");
    }
}
