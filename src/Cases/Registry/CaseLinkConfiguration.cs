using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Registry;

internal sealed class CaseLinkConfiguration : IEntityTypeConfiguration<CaseLink>
{
    public void Configure(EntityTypeBuilder<CaseLink> builder)
    {
        builder.ToTable("case_links");
        builder.HasKey(l => l.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Label).HasMaxLength(200);
        builder.HasIndex(l => new { l.CaseId, l.Kind, l.TargetId }).IsUnique();
        builder.HasIndex(l => new { l.Kind, l.TargetId });
    }
}
