using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Sessions;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public const int MaxLength = 1000;

    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        // A sealed line keeps nothing of its text in plain (docs/adr/0081).
        builder.ToTable("chat_messages", t => t.HasCheckConstraint("ck_chat_messages_sealed",
            "sealed_text is null or (text = '' and sealed_text like 'ds1.%')"));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(m => m.SessionId).HasColumnName("session_id");
        builder.Property(m => m.ParticipantId).HasColumnName("participant_id");
        builder.Property(m => m.AuthorName).HasColumnName("author_name").HasMaxLength(200);
        builder.Property(m => m.SentAt).HasColumnName("sent_at");
        builder.Property(m => m.Text).HasColumnName("text").HasMaxLength(MaxLength);
        builder.Property(m => m.SealedText).HasColumnName("sealed_text");
        builder.HasIndex(m => new { m.SessionId, m.Id });
        builder.HasOne<ReceptionSession>().WithMany().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}
