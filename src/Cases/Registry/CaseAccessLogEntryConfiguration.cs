using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Registry;

internal sealed class CaseAccessLogEntryConfiguration : IEntityTypeConfiguration<CaseAccessLogEntry>
{
    public void Configure(EntityTypeBuilder<CaseAccessLogEntry> builder)
    {
        builder.ToTable("case_access_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.CaseNumber).HasMaxLength(20);
        builder.Property(a => a.ViewerName).HasMaxLength(200);
        builder.Property(a => a.What).HasMaxLength(200);
        builder.HasIndex(a => a.At);
    }
}
