using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Sessions;

internal sealed class ReceptionSessionConfiguration : IEntityTypeConfiguration<ReceptionSession>
{
    public void Configure(EntityTypeBuilder<ReceptionSession> builder)
    {
        builder.ToTable("sessions", t =>
        {
            // An ended session has an outcome, an open one none; a crashed one has an end and gets its outcome later,
            // if at all. A refusal names its legal ground, and only a refusal does.
            t.HasCheckConstraint("ck_sessions_outcome",
                "CASE state WHEN 'Ended' THEN outcome IS NOT NULL AND ended_at IS NOT NULL WHEN 'Crashed' THEN ended_at IS NOT NULL ELSE outcome IS NULL END");
            t.HasCheckConstraint("ck_sessions_refusal_ground", "(outcome = 'Refused') = (refusal_ground IS NOT NULL)");
            // Who recorded an outcome after the fact and when go together, exactly on a crashed session with an outcome.
            // An ad-hoc reception (one-time link) says what it is about and why; a booked one takes both from its booking.
            t.HasCheckConstraint("ck_sessions_ad_hoc_matter",
                "(ad_hoc_token_hash IS NULL) = (ad_hoc_kind IS NULL) AND (ad_hoc_kind IS NULL) = (ad_hoc_reason IS NULL)");
            // A dialogue names its case, number, kind and subject, has neither booking nor ad-hoc link, and is never
            // about a denunciation (its guests join by links; a denouncer's identity is secret — docs/adr/0088).
            t.HasCheckConstraint("ck_sessions_dialogue",
                "(dialogue_case_id IS NULL) = (dialogue_case_number IS NULL) AND (dialogue_case_id IS NULL) = (dialogue_kind IS NULL) AND (dialogue_case_id IS NULL) = (dialogue_subject IS NULL)"
                + " AND (dialogue_case_id IS NULL OR (booking_id IS NULL AND ad_hoc_token_hash IS NULL AND dialogue_kind <> 'Denunciation'))");
            t.HasCheckConstraint("ck_sessions_late_outcome",
                "(outcome_recorded_at IS NULL) = (outcome_recorded_by IS NULL) AND (outcome_recorded_at IS NOT NULL) = (state = 'Crashed' AND outcome IS NOT NULL)");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.BookingId).HasColumnName("booking_id");
        builder.Property(s => s.ReceptionDate).HasColumnName("reception_date");
        builder.Property(s => s.PresidingOfficialId).HasColumnName("presiding_official_id");
        builder.Property(s => s.State).HasColumnName("state").HasConversion<string>().HasMaxLength(10);
        builder.Property(s => s.StartedAt).HasColumnName("started_at");
        builder.Property(s => s.EndedAt).HasColumnName("ended_at");
        builder.Property(s => s.Outcome).HasColumnName("outcome").HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.RefusalGround).HasColumnName("refusal_ground").HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.OutcomeNote).HasColumnName("outcome_note").HasMaxLength(SessionOutcomeRules.MaxNoteLength);
        builder.Property(s => s.OutcomeRecordedBy).HasColumnName("outcome_recorded_by");
        builder.Property(s => s.OutcomeRecordedAt).HasColumnName("outcome_recorded_at");
        builder.Property(s => s.RoomId).HasColumnName("room_id");
        builder.Property(s => s.RoomSecret).HasColumnName("room_secret").HasMaxLength(64);
        builder.Property(s => s.AdHocTokenHash).HasColumnName("ad_hoc_token_hash").HasMaxLength(64);
        builder.Property(s => s.AdHocTokenUsed).HasColumnName("ad_hoc_token_used");
        builder.Property(s => s.AdHocKind).HasColumnName("ad_hoc_kind").HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.AdHocReason).HasColumnName("ad_hoc_reason").HasMaxLength(AdHocMatter.MaxReasonLength);
        builder.Property(s => s.DialogueCaseId).HasColumnName("dialogue_case_id");
        builder.Property(s => s.DialogueCaseNumber).HasColumnName("dialogue_case_number").HasMaxLength(40);
        builder.Property(s => s.DialogueKind).HasColumnName("dialogue_kind").HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.DialogueSubject).HasColumnName("dialogue_subject").HasMaxLength(DialogueMatter.MaxSubjectLength);
        builder.HasIndex(s => s.DialogueCaseId).HasFilter("dialogue_case_id IS NOT NULL");
        // One session per booking: a second admission of the same booking (two consoles racing) fails here.
        builder.HasIndex(s => s.BookingId).IsUnique().HasFilter("booking_id IS NOT NULL");
        builder.HasIndex(s => s.RoomId).IsUnique();
        builder.HasIndex(s => s.AdHocTokenHash).IsUnique().HasFilter("ad_hoc_token_hash IS NOT NULL");
        builder.HasIndex(s => new { s.ReceptionDate, s.State });
        // An official presides over one open session at a time.
        builder.HasIndex(s => s.PresidingOfficialId).IsUnique().HasFilter("state = 'Open'");
        builder.HasMany(s => s.Participants).WithOne().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}
