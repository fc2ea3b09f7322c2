using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Recordings.Linking;

/// <summary>Every attach/detach of an archive to a case, automatic or by a staff member (the action log).</summary>
internal sealed class ArchiveLinkEvent
{
    public long Id { get; set; }

    public Guid ArchiveId { get; set; }

    public ArchiveLinkAction Action { get; set; }

    public Guid CaseId { get; set; }

    public string? CaseNumber { get; set; }

    /// <summary>Null when the system attached it (the session's own case).</summary>
    public Guid? StaffId { get; set; }

    public DateTimeOffset At { get; set; }
}

internal enum ArchiveLinkAction
{
    Attached = 0,
    Detached = 1,
}

internal sealed class ArchiveLinkEventConfiguration : IEntityTypeConfiguration<ArchiveLinkEvent>
{
    public void Configure(EntityTypeBuilder<ArchiveLinkEvent> builder)
    {
        builder.ToTable("archive_link_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.CaseNumber).HasMaxLength(100);
        builder.HasIndex(e => e.ArchiveId);
    }
}
