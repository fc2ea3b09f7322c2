using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Registry;

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> builder)
    {
        builder.ToTable("case_documents");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.Reference).HasMaxLength(100);
    }
}
