using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Registry;

internal sealed class CaseHistoryEntryConfiguration : IEntityTypeConfiguration<CaseHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CaseHistoryEntry> builder)
    {
        builder.ToTable("case_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.ActorName).HasMaxLength(200);
        builder.Property(h => h.Action).HasMaxLength(60);
        builder.Property(h => h.Details).HasMaxLength(2000);
        builder.HasIndex(h => new { h.CaseId, h.At });
    }
}
