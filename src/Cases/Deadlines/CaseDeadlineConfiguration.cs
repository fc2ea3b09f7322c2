using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Deadlines;

internal sealed class CaseDeadlineConfiguration : IEntityTypeConfiguration<CaseDeadline>
{
    public void Configure(EntityTypeBuilder<CaseDeadline> builder)
    {
        builder.ToTable("case_deadlines");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Rule).HasMaxLength(600);
        builder.HasIndex(d => new { d.CaseId, d.Kind }).IsUnique();
        builder.HasIndex(d => d.DueDate);
    }
}
