using DaoVien.OnlineReception.Kernel.Legal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Registry;

internal sealed class CasePersonConfiguration : IEntityTypeConfiguration<CasePerson>
{
    public void Configure(EntityTypeBuilder<CasePerson> builder)
    {
        builder.ToTable("case_persons", t =>
        {
            // A group's representatives (LegalLimits.MaxRepresentatives): positions 1..that, unique per case.
            t.HasCheckConstraint("ck_person_position", FormattableString.Invariant($"\"Position\" BETWEEN 1 AND {LegalLimits.MaxRepresentatives}"));
            // Sealed means sealed: no plain identity column beside a sealed one.
            t.HasCheckConstraint("ck_person_sealed_no_plain", "\"SealedIdentity\" IS NULL OR (\"FullName\" IS NULL AND \"Address\" IS NULL AND \"IdNumber\" IS NULL AND \"Phone\" IS NULL)");
        });
        builder.HasKey(p => p.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => new { p.CaseId, p.Position }).IsUnique();
        builder.Property(p => p.FullName).HasMaxLength(200);
        builder.Property(p => p.Address).HasMaxLength(400);
        builder.Property(p => p.IdNumber).HasMaxLength(20);
        builder.Property(p => p.Phone).HasMaxLength(30);
        // A booking's sealed identity moves here as it is (docs/adr/0081): a group's names fill more than 4000 characters.
        builder.Property(p => p.SealedIdentity).HasMaxLength(8000);
        builder.Property(p => p.SealingKeyFingerprint).HasMaxLength(32);
        builder.Ignore(p => p.IsSealed);
    }
}
