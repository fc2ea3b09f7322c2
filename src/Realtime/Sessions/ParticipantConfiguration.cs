using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Sessions;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    /// <summary>Position and body together ("Chủ tịch, Ủy ban MTTQ phường"): 100 + 2 + 200 characters.</summary>
    public const int MaxOrganisationLength = 302;

    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.ToTable("participants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id");
        builder.Property(p => p.SessionId).HasColumnName("session_id");
        builder.Property(p => p.LobbyEntryId).HasColumnName("lobby_entry_id");
        builder.Property(p => p.Role).HasColumnName("role").HasConversion<string>().HasMaxLength(12);
        builder.Property(p => p.StaffId).HasColumnName("staff_id");
        builder.Property(p => p.DisplayName).HasColumnName("display_name").HasMaxLength(200);
        builder.Property(p => p.State).HasColumnName("state").HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.DeviceKeyHash).HasColumnName("device_key_hash").HasMaxLength(64);
        builder.Property(p => p.SealedIdentity).HasColumnName("sealed_identity").HasMaxLength(4000);
        builder.Property(p => p.Organisation).HasColumnName("organisation").HasMaxLength(MaxOrganisationLength);
        builder.Property(p => p.ConnectionId).HasColumnName("connection_id").HasMaxLength(100);
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");
        builder.Property(p => p.JoinedAt).HasColumnName("joined_at");
        builder.Property(p => p.LeftAt).HasColumnName("left_at");
        builder.Property(p => p.Muted).HasColumnName("muted");
        builder.HasIndex(p => p.ConnectionId);
        builder.HasIndex(p => new { p.LobbyEntryId, p.DeviceKeyHash }).IsUnique().HasFilter("lobby_entry_id IS NOT NULL");
        // An official is in a session once.
        builder.HasIndex(p => new { p.SessionId, p.StaffId }).IsUnique().HasFilter("staff_id IS NOT NULL");
    }
}
