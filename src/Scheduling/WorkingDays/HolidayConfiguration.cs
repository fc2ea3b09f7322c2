using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Scheduling.WorkingDays;

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.ToTable("holidays");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Name).HasMaxLength(200);
        builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(h => h.Date).IsUnique();
    }
}
