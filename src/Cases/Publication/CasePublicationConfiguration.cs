using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Publication;

internal sealed class CasePublicationConfiguration : IEntityTypeConfiguration<CasePublication>
{
    public void Configure(EntityTypeBuilder<CasePublication> builder)
    {
        // Denunciation content never reaches the public page: not even a draft row may exist for one.
        builder.ToTable("publications", t => t.HasCheckConstraint("ck_publication_not_denunciation", "\"Kind\" <> 'Denunciation'"));
        builder.HasKey(p => p.CaseId);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.CaseNumber).HasMaxLength(20);
        builder.Property(p => p.SubjectArea).HasMaxLength(100);
        builder.Property(p => p.PublicText).HasMaxLength(4000);
        builder.Property(p => p.DecisionNumber).HasMaxLength(60);
    }
}
