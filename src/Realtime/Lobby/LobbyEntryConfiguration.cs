using DaoVien.OnlineReception.Kernel.Legal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Lobby;

internal sealed class LobbyEntryConfiguration : IEntityTypeConfiguration<LobbyEntry>
{
    public void Configure(EntityTypeBuilder<LobbyEntry> builder)
    {
        builder.ToTable("lobby_entries", t => t.HasCheckConstraint("ck_lobby_entries_representatives", FormattableString.Invariant($"representative_count BETWEEN 1 AND {LegalLimits.MaxRepresentatives}")));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.BookingId).HasColumnName("booking_id");
        builder.Property(e => e.ReceptionDate).HasColumnName("reception_date");
        builder.Property(e => e.SlotStart).HasColumnName("slot_start");
        builder.Property(e => e.RepresentativeCount).HasColumnName("representative_count");
        builder.Property(e => e.EnteredAt).HasColumnName("entered_at");
        builder.Property(e => e.State).HasColumnName("state").HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.SessionId).HasColumnName("session_id");
        // A booking waits once (representatives share the entry).
        builder.HasIndex(e => e.BookingId).IsUnique();
        builder.HasIndex(e => new { e.ReceptionDate, e.State });
    }
}
