using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Deadlines;

internal sealed class CaseDeadlineConfiguration : IEntityTypeConfiguration<CaseDeadline>
{
    public void Configure(EntityTypeBuilder<CaseDeadline> builder)
    {
        builder.ToTable("case_deadlines");
        builder.HasKey(d => d.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Rule).HasMaxLength(600);
        builder.HasIndex(d => new { d.CaseId, d.Kind }).IsUnique();
        builder.HasIndex(d => d.DueDate);
    }
}
