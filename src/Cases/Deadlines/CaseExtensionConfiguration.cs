using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Deadlines;

internal sealed class CaseExtensionConfiguration : IEntityTypeConfiguration<CaseExtension>
{
    public void Configure(EntityTypeBuilder<CaseExtension> builder)
    {
        // Luật Tố cáo Art. 30: at most two extensions of at most 30 days each, whatever the settings say.
        builder.ToTable("case_extensions", t =>
        {
            t.HasCheckConstraint("ck_extension_ordinal", "\"Ordinal\" BETWEEN 1 AND 2");
            t.HasCheckConstraint("ck_extension_days", "\"Days\" BETWEEN 1 AND 30");
        });
        builder.HasKey(e => e.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => new { e.CaseId, e.Ordinal }).IsUnique();
        builder.Property(e => e.DecisionNumber).HasMaxLength(60);
    }
}
