using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.ForwardedLetters;

internal sealed class ForwardedLetterConfiguration : IEntityTypeConfiguration<ForwardedLetter>
{
    public void Configure(EntityTypeBuilder<ForwardedLetter> builder)
    {
        builder.ToTable("forwarded_letters", t =>
        {
            t.HasCheckConstraint("ck_forwarded_due_after_letter", "report_due_on >= letter_date");
            t.HasCheckConstraint("ck_forwarded_agency", "btrim(agency) <> ''");
        });
        builder.HasKey(l => l.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Source).HasColumnName("source").HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Agency).HasColumnName("agency").HasMaxLength(ForwardedLetterRules.AgencyMax);
        builder.Property(l => l.Reference).HasColumnName("reference").HasMaxLength(ForwardedLetterRules.ReferenceMax);
        builder.Property(l => l.LetterDate).HasColumnName("letter_date");
        builder.Property(l => l.ReportDueOn).HasColumnName("report_due_on");
        builder.Property(l => l.Version).IsRowVersion();
        // One forwarding record per case, also when two staff save it at once.
        builder.HasIndex(l => l.CaseId).IsUnique();
        builder.HasOne<CaseFile>().WithOne().HasForeignKey<ForwardedLetter>(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Reports).WithOne().HasForeignKey(r => r.LetterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportBackConfiguration : IEntityTypeConfiguration<ReportBack>
{
    public void Configure(EntityTypeBuilder<ReportBack> builder)
    {
        builder.ToTable("report_backs", t =>
        {
            t.HasCheckConstraint("ck_report_back_next_due", "(kind = 'Progress' AND next_due_on IS NOT NULL AND next_due_on > sent_on) OR (kind = 'Result' AND next_due_on IS NULL)");
            t.HasCheckConstraint("ck_report_back_text", "btrim(outgoing_number) <> '' AND btrim(summary) <> ''");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.SentOn).HasColumnName("sent_on");
        builder.Property(r => r.OutgoingNumber).HasColumnName("outgoing_number").HasMaxLength(ForwardedLetterRules.ReferenceMax);
        builder.Property(r => r.Summary).HasColumnName("summary").HasMaxLength(ForwardedLetterRules.SummaryMax);
        builder.Property(r => r.DueOn).HasColumnName("due_on");
        builder.Property(r => r.NextDueOn).HasColumnName("next_due_on");
        builder.Ignore(r => r.OnTime);
        builder.HasIndex(r => r.CaseId);
        // The obligation is met once: two result reports racing, the database keeps one.
        builder.HasIndex(r => r.LetterId).IsUnique().HasFilter("kind = 'Result'").HasDatabaseName("ux_report_backs_one_result");
    }
}
