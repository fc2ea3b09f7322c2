using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Realtime.Recordings.Consent;

/// <summary>A participant's acknowledgment of the recording notice: who, when, which text.</summary>
internal sealed class ConsentAcknowledgment
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid ParticipantId { get; set; }

    public required string TextVersion { get; set; }

    public DateTimeOffset AcknowledgedAt { get; set; }
}

internal sealed class ConsentAcknowledgmentConfiguration : IEntityTypeConfiguration<ConsentAcknowledgment>
{
    public void Configure(EntityTypeBuilder<ConsentAcknowledgment> builder)
    {
        builder.ToTable("consent_acknowledgments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.TextVersion).HasMaxLength(100);
        builder.HasIndex(c => new { c.SessionId, c.ParticipantId, c.TextVersion }).IsUnique();
    }
}

/// <summary>A pause of a session's recording by the chairman, with the reason; open while <see cref="ResumedAt"/> is null.</summary>
internal sealed class RecordingPause
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    public DateTimeOffset PausedAt { get; set; }

    public DateTimeOffset? ResumedAt { get; set; }

    public required string Reason { get; set; }

    public Guid PausedBy { get; set; }

    public Guid? ResumedBy { get; set; }
}

internal sealed class RecordingPauseConfiguration : IEntityTypeConfiguration<RecordingPause>
{
    public void Configure(EntityTypeBuilder<RecordingPause> builder)
    {
        builder.ToTable("recording_pauses", t => t.HasCheckConstraint("ck_recording_pauses_order", "\"ResumedAt\" IS NULL OR \"ResumedAt\" >= \"PausedAt\""));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Reason).HasMaxLength(500);
        // At most one open pause per session, even when two chairmen click at once.
        builder.HasIndex(p => p.SessionId).IsUnique().HasFilter("\"ResumedAt\" IS NULL");
    }
}

/// <summary>Things that happened to a session's recording: ran unrecorded by choice, a participant dropped, the media server restarted.</summary>
internal sealed class RecordingEvent
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid? ParticipantId { get; set; }

    public RecordingEventKind Kind { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? StaffId { get; set; }

    public string? Detail { get; set; }
}

internal enum RecordingEventKind
{
    /// <summary>The chairman chose to run the session without recording (storage not ready, or rule off).</summary>
    RunUnrecorded = 0,

    /// <summary>A participant's connection dropped (browser, network).</summary>
    ParticipantDisconnected = 1,

    ParticipantReconnected = 2,

    /// <summary>The media server died and was restarted.</summary>
    MediaServerRestarted = 3,

    /// <summary>A participant refused the recording notice (docs/adr/0093); <see cref="RecordingEvent.Detail"/> names the notice version.</summary>
    ConsentRefused = 4,
}

internal sealed class RecordingEventConfiguration : IEntityTypeConfiguration<RecordingEvent>
{
    public void Configure(EntityTypeBuilder<RecordingEvent> builder)
    {
        builder.ToTable("recording_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.HasIndex(e => e.SessionId);
    }
}
