using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Recordings.Playback;

/// <summary>One view or download of an archive file by a staff member (readable by Admin and Inspector).</summary>
internal sealed class ArchiveAccess
{
    public long Id { get; set; }

    public Guid ArchiveId { get; set; }

    public required string FileName { get; set; }

    public ArchiveAccessKind Kind { get; set; }

    public Guid StaffId { get; set; }

    public required string StaffUserName { get; set; }

    public DateTimeOffset At { get; set; }
}

internal enum ArchiveAccessKind
{
    View = 0,
    Download = 1,

    /// <summary>The caller asked for a file of an archive it may not open (answered 404).</summary>
    Refused = 2,
}

internal sealed class ArchiveAccessConfiguration : IEntityTypeConfiguration<ArchiveAccess>
{
    public void Configure(EntityTypeBuilder<ArchiveAccess> builder)
    {
        builder.ToTable("archive_access_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.StaffUserName).HasMaxLength(256);
        builder.HasIndex(a => a.At);
    }
}
