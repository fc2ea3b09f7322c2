using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.SecondInstance;

internal sealed class SecondInstanceConfiguration : IEntityTypeConfiguration<SecondInstanceResult>
{
    public void Configure(EntityTypeBuilder<SecondInstanceResult> builder)
    {
        builder.ToTable("second_instance_results", t =>
        {
            t.HasCheckConstraint("ck_second_instance_text", "btrim(authority) <> '' AND btrim(decision_number) <> ''");
            t.HasCheckConstraint("ck_second_instance_outcome", "outcome IN ('Upheld', 'Amended', 'Annulled')");
        });
        builder.HasKey(r => r.Id);
        // Ids are set in code, as for every case child.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Authority).HasColumnName("authority").HasMaxLength(SecondInstanceRules.AuthorityMax);
        builder.Property(r => r.DecisionNumber).HasColumnName("decision_number").HasMaxLength(SecondInstanceRules.DecisionNumberMax);
        builder.Property(r => r.DecisionDate).HasColumnName("decision_date");
        builder.Property(r => r.Outcome).HasColumnName("outcome").HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Note).HasColumnName("note").HasMaxLength(SecondInstanceRules.NoteMax);
        builder.Property(r => r.Version).IsRowVersion();
        // One second instance per first-instance decision, also when two staff record it at once.
        builder.HasIndex(r => r.CaseId).IsUnique();
        builder.HasIndex(r => r.DecisionDate);
        builder.HasOne<CaseFile>().WithOne().HasForeignKey<SecondInstanceResult>(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
