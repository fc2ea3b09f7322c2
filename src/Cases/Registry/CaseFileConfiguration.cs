using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Registry;

internal sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> builder)
    {
        builder.ToTable("case_files", t =>
        {
            // The workflow's required facts, enforced below the application too.
            t.HasCheckConstraint("ck_case_refused_ground", "status <> 'Refused' OR refusal_ground IS NOT NULL");
            t.HasCheckConstraint("ck_case_transferred_agency", "status <> 'Transferred' OR transferred_to IS NOT NULL");
            t.HasCheckConstraint("ck_case_resolved_decision", "status NOT IN ('Resolved','Closed') OR refusal_ground IS NOT NULL OR transferred_to IS NOT NULL OR guided_to IS NOT NULL OR (decision_number IS NOT NULL AND decision_date IS NOT NULL)");
            t.HasCheckConstraint("ck_case_denunciation_no_id_hash", "kind <> 'Denunciation' OR citizen_id_hash IS NULL");
            t.HasCheckConstraint("ck_case_people_count", "people_count BETWEEN 1 AND 100000");
            t.HasCheckConstraint("ck_case_referral_reference", "transfer_kind <> 'CrimeReferral' OR (transfer_reference IS NOT NULL AND transferred_on IS NOT NULL)");
        });
        builder.HasKey(c => c.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Number).HasColumnName("number").HasMaxLength(20);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Channel).HasColumnName("channel").HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Instance).HasColumnName("instance").HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.Complexity).HasColumnName("complexity").HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SubjectArea).HasColumnName("subject_area").HasMaxLength(100);
        builder.Property(c => c.Summary).HasColumnName("summary").HasMaxLength(4000);
        builder.Property(c => c.RefusalGround).HasColumnName("refusal_ground").HasMaxLength(500);
        builder.Property(c => c.TransferredTo).HasColumnName("transferred_to").HasMaxLength(300);
        builder.Property(c => c.PeopleCount).HasColumnName("people_count").HasDefaultValue(1);
        builder.Property(c => c.LearnedOfDecisionOn).HasColumnName("learned_of_decision_on");
        builder.Property(c => c.FilingWindowEndsOn).HasColumnName("filing_window_ends_on");
        builder.Property(c => c.InitialProcessingExtendedOn).HasColumnName("initial_processing_extended_on");
        builder.Property(c => c.InitialProcessingExtensionReason).HasColumnName("initial_processing_extension_reason").HasMaxLength(500);
        builder.Property(c => c.TransferKind).HasColumnName("transfer_kind").HasConversion<string>().HasMaxLength(20).HasDefaultValue(TransferKind.CompetentAgency);
        builder.Property(c => c.TransferReference).HasColumnName("transfer_reference").HasMaxLength(60);
        builder.Property(c => c.TransferredOn).HasColumnName("transferred_on");
        builder.Property(c => c.ReferralAnswer).HasColumnName("referral_answer").HasMaxLength(1000);
        builder.Property(c => c.ReferralAnsweredOn).HasColumnName("referral_answered_on");
        builder.Property(c => c.EndNoticeNumber).HasColumnName("end_notice_number").HasMaxLength(60);
        builder.Property(c => c.EndNoticeDate).HasColumnName("end_notice_date");
        builder.Property(c => c.GuidedTo).HasColumnName("guided_to").HasMaxLength(300);
        builder.Property(c => c.DecisionNumber).HasColumnName("decision_number").HasMaxLength(60);
        builder.Property(c => c.DecisionDate).HasColumnName("decision_date");
        builder.Property(c => c.CitizenIdHash).HasColumnName("citizen_id_hash").HasMaxLength(64);
        builder.HasIndex(c => c.CitizenIdHash);
        builder.HasIndex(c => c.BookingId).IsUnique().HasFilter("\"BookingId\" IS NOT NULL");
        builder.HasIndex(c => c.ReceptionId).IsUnique().HasFilter("\"ReceptionId\" IS NOT NULL");
        builder.HasIndex(c => c.AssigneeId);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.IsOpen);
        builder.HasMany(c => c.Persons).WithOne().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Deadlines).WithOne(d => d.Case).HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Extensions).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Links).WithOne().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Documents).WithOne().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
