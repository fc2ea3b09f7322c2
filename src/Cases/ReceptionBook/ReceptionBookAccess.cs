using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.ReceptionBook;

/// <summary>How the reception book was read.</summary>
internal enum ReceptionBookFormat
{
    /// <summary>The page.</summary>
    View = 0,
    Csv = 1,
    Xlsx = 2,
}

/// <summary>
/// One reading of the reception book: who, when, which dates, how (page or export) and how many rows they got. The
/// book holds names, addresses and ID numbers of every citizen received, up to a year per reading (docs/adr/0082).
/// </summary>
internal sealed class ReceptionBookAccessEntry
{
    public long Id { get; set; }

    public Guid? ViewerId { get; set; }

    public required string ViewerName { get; set; }

    public DateTimeOffset At { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public ReceptionBookFormat Format { get; set; }

    public int Rows { get; set; }
}

internal sealed class ReceptionBookAccessEntryConfiguration : IEntityTypeConfiguration<ReceptionBookAccessEntry>
{
    public void Configure(EntityTypeBuilder<ReceptionBookAccessEntry> builder)
    {
        builder.ToTable("reception_book_access_log", t => t.HasCheckConstraint("ck_reception_book_access_range", "\"To\" >= \"From\" and \"Rows\" >= 0"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.ViewerName).HasMaxLength(200);
        builder.Property(a => a.Format).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(a => a.At);
    }
}
