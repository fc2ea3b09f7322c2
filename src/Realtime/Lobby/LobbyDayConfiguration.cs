using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Lobby;

internal sealed class LobbyDayConfiguration : IEntityTypeConfiguration<LobbyDay>
{
    public void Configure(EntityTypeBuilder<LobbyDay> builder)
    {
        builder.ToTable("lobby_days", t => t.HasCheckConstraint("ck_lobby_days_window", "opens_at < closes_at"));
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Date).HasColumnName("date");
        builder.Property(d => d.OpensAt).HasColumnName("opens_at");
        builder.Property(d => d.ClosesAt).HasColumnName("closes_at");
        builder.Property(d => d.IsOpen).HasColumnName("is_open");
    }
}
