using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Dialogue;

internal sealed class DialogueInvitationConfiguration : IEntityTypeConfiguration<DialogueInvitation>
{
    public void Configure(EntityTypeBuilder<DialogueInvitation> builder)
    {
        builder.ToTable("dialogue_invitations", t =>
        {
            // An outside participant names the body they represent, a citizen none; a position only with a body.
            t.HasCheckConstraint("ck_dialogue_invitations_organisation",
                "(kind = 'Organisation') = (organisation IS NOT NULL) AND (position IS NULL OR organisation IS NOT NULL)");
            // A link is bound to its first device all at once: participant, device and time together.
            t.HasCheckConstraint("ck_dialogue_invitations_used",
                "(participant_id IS NULL) = (used_at IS NULL) AND (participant_id IS NULL) = (device_key_hash IS NULL)");
        });
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasColumnName("id");
        builder.Property(i => i.SessionId).HasColumnName("session_id");
        builder.Property(i => i.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(12);
        builder.Property(i => i.FullName).HasColumnName("full_name").HasMaxLength(DialogueRules.MaxNameLength);
        builder.Property(i => i.Organisation).HasColumnName("organisation").HasMaxLength(DialogueRules.MaxOrganisationLength);
        builder.Property(i => i.Position).HasColumnName("position").HasMaxLength(DialogueRules.MaxPositionLength);
        builder.Property(i => i.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
        builder.Property(i => i.CreatedAt).HasColumnName("created_at");
        builder.Property(i => i.RevokedAt).HasColumnName("revoked_at");
        builder.Property(i => i.ParticipantId).HasColumnName("participant_id");
        builder.Property(i => i.DeviceKeyHash).HasColumnName("device_key_hash").HasMaxLength(64);
        builder.Property(i => i.UsedAt).HasColumnName("used_at");
        builder.Ignore(i => i.Affiliation);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.SessionId);
        // One link admits one participant.
        builder.HasIndex(i => i.ParticipantId).IsUnique().HasFilter("participant_id IS NOT NULL");
        builder.HasOne<ReceptionSession>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}
