using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Sessions;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public const int MaxLength = 1000;

    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(m => m.SessionId).HasColumnName("session_id");
        builder.Property(m => m.ParticipantId).HasColumnName("participant_id");
        builder.Property(m => m.AuthorName).HasColumnName("author_name").HasMaxLength(200);
        builder.Property(m => m.SentAt).HasColumnName("sent_at");
        builder.Property(m => m.Text).HasColumnName("text").HasMaxLength(MaxLength);
        builder.HasIndex(m => new { m.SessionId, m.Id });
        builder.HasOne<ReceptionSession>().WithMany().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}
