using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.LongRunning;

internal sealed class LongRunningCaseConfiguration : IEntityTypeConfiguration<LongRunningCase>
{
    public void Configure(EntityTypeBuilder<LongRunningCase> builder)
    {
        builder.ToTable("long_running_cases", t =>
        {
            t.HasCheckConstraint("ck_long_running_reason", "btrim(reason) <> ''");
            // The flag and its reason go together, whoever writes the row.
            t.HasCheckConstraint("ck_long_running_hotspot_reason", "(is_hotspot AND hotspot_reason IS NOT NULL AND btrim(hotspot_reason) <> '') OR (NOT is_hotspot AND hotspot_reason IS NULL)");
        });
        builder.HasKey(l => l.Id);
        // Ids are set in code: a child added through a navigation must be inserted, not taken for an existing row.
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Reason).HasColumnName("reason").HasMaxLength(LongRunningRules.ReasonMax);
        builder.Property(l => l.IsHotspot).HasColumnName("is_hotspot");
        builder.Property(l => l.HotspotReason).HasColumnName("hotspot_reason").HasMaxLength(LongRunningRules.HotspotReasonMax);
        builder.Property(l => l.RegisteredOn).HasColumnName("registered_on");
        builder.Property(l => l.NextReviewOn).HasColumnName("next_review_on");
        builder.Property(l => l.Version).IsRowVersion();
        // One register entry per case, also when two staff register it at once.
        builder.HasIndex(l => l.CaseId).IsUnique();
        builder.HasOne<CaseFile>().WithOne().HasForeignKey<LongRunningCase>(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Steps).WithOne().HasForeignKey(s => s.RegisterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Reviews).WithOne().HasForeignKey(r => r.RegisterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanStepConfiguration : IEntityTypeConfiguration<PlanStep>
{
    public void Configure(EntityTypeBuilder<PlanStep> builder)
    {
        builder.ToTable("plan_steps", t =>
        {
            t.HasCheckConstraint("ck_plan_step_action", "btrim(action) <> ''");
            t.HasCheckConstraint("ck_plan_step_done", "(done_on IS NULL AND result IS NULL) OR (done_on IS NOT NULL AND result IS NOT NULL AND btrim(result) <> '')");
            t.HasCheckConstraint("ck_plan_step_position", $"position BETWEEN 1 AND {LongRunningRules.MaxSteps}");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Position).HasColumnName("position");
        builder.Property(s => s.Action).HasColumnName("action").HasMaxLength(LongRunningRules.ActionMax);
        builder.Property(s => s.OwnerId).HasColumnName("owner_id");
        builder.Property(s => s.OwnerName).HasColumnName("owner_name").HasMaxLength(200);
        builder.Property(s => s.DueOn).HasColumnName("due_on");
        // Two staff closing one step at once: the second save finds it changed and is refused.
        builder.Property(s => s.DoneOn).HasColumnName("done_on").IsConcurrencyToken();
        builder.Property(s => s.Result).HasColumnName("result").HasMaxLength(LongRunningRules.ResultMax);
        // Two steps added at once cannot take the same number, so the cap above holds under races too.
        builder.HasIndex(s => new { s.RegisterId, s.Position }).IsUnique();
        builder.HasIndex(s => s.CaseId);
        builder.HasIndex(s => s.OwnerId);
    }
}

internal sealed class CaseReviewConfiguration : IEntityTypeConfiguration<CaseReview>
{
    public void Configure(EntityTypeBuilder<CaseReview> builder)
    {
        builder.ToTable("case_reviews", t =>
        {
            t.HasCheckConstraint("ck_case_review_notes", "btrim(notes) <> ''");
            t.HasCheckConstraint("ck_case_review_next", "next_review_on > reviewed_on");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ReviewedOn).HasColumnName("reviewed_on");
        builder.Property(r => r.Notes).HasColumnName("notes").HasMaxLength(LongRunningRules.NotesMax);
        builder.Property(r => r.NextReviewOn).HasColumnName("next_review_on");
        builder.Property(r => r.ReviewerName).HasColumnName("reviewer_name").HasMaxLength(200);
        builder.HasIndex(r => r.CaseId);
    }
}
