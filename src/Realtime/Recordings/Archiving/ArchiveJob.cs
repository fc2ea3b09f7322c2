using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Recordings.Archiving;

/// <summary>
/// One session's archive work, queued in PostgreSQL so it survives a restart. A worker claims it with
/// <c>FOR UPDATE SKIP LOCKED</c> and holds it by a lease it renews; a lapsed lease means the worker died.
/// </summary>
internal sealed class ArchiveJob
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid? BookingId { get; set; }

    public string? CaseNumber { get; set; }

    public DateTimeOffset SessionStartedAt { get; set; }

    public DateTimeOffset SessionEndedAt { get; set; }

    /// <summary>Why the session ended: normal end, or the crash recovery path.</summary>
    public SessionEndKind EndKind { get; set; }

    /// <summary>Participants as JSON (<see cref="ArchiveParticipant"/>[]), so the request is self-contained.</summary>
    public required string ParticipantsJson { get; set; }

    public ArchiveJobState State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public Guid? WorkerId { get; set; }

    /// <summary>0..1 over all stages.</summary>
    public double Progress { get; set; }

    public string? Stage { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public Guid? ArchiveId { get; set; }

    /// <summary>The session is a denunciation without a booking saying so (ad hoc): seal the media (<see cref="ArchiveRequest.SealAsDenunciation"/>).</summary>
    public bool SealAsDenunciation { get; set; }
}

internal enum ArchiveJobState
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>How a session ended, as told by the session code.</summary>
public enum SessionEndKind
{
    /// <summary>Ended by the chairman.</summary>
    Ended = 0,

    /// <summary>The app or the media server died; archived from what was on disk.</summary>
    Crashed = 1,
}

internal sealed class ArchiveJobConfiguration : IEntityTypeConfiguration<ArchiveJob>
{
    public void Configure(EntityTypeBuilder<ArchiveJob> builder)
    {
        builder.ToTable("archive_jobs", t => t.HasCheckConstraint("ck_archive_jobs_progress", "\"Progress\" >= 0 AND \"Progress\" <= 1"));
        builder.HasKey(j => j.Id);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.EndKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.CaseNumber).HasMaxLength(100);
        builder.Property(j => j.ParticipantsJson).HasColumnType("jsonb");
        builder.Property(j => j.Stage).HasMaxLength(100);
        builder.Property(j => j.LastError).HasMaxLength(4000);
        // One archive per session: a second enqueue of the same session is a no-op, not a duplicate archive.
        builder.HasIndex(j => j.SessionId).IsUnique();
        builder.HasIndex(j => new { j.State, j.NextAttemptAt });
    }
}
