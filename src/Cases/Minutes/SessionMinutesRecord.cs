using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoVien.OnlineReception.Cases.Minutes;

/// <summary>The stored minutes of one session: the current version's PDF (sealed for a denunciation) and its state.</summary>
internal sealed class SessionMinutesRecord
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    /// <summary>Number printed on the minutes, e.g. "12/BB-TCD".</summary>
    public required string Number { get; set; }

    public Guid PresidingOfficialId { get; set; }

    public DateOnly Date { get; set; }

    public Guid? CaseId { get; set; }

    public bool Sealed { get; set; }

    public int Version { get; set; }

    /// <summary>The PDF, or its sealed form (<c>SealedFile</c>) for a denunciation.</summary>
    public required byte[] Content { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/> as stored.</summary>
    public required string ContentSha256 { get; set; }

    /// <summary>SHA-256 of the plain PDF (the same as <see cref="ContentSha256"/> unless sealed), to verify an opening offline.</summary>
    public required string PdfSha256 { get; set; }

    public string? ArchiveManifestSha256 { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>Set when the presiding official confirmed the current version; cleared by a new version.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    public Guid? ConfirmedBy { get; set; }

    public List<MinutesLogEntry> Log { get; set; } = [];

    public string FileName => "bien-ban-" + Number.Replace('/', '-') + (Sealed ? ".pdf" + Kernel.Sealing.SealedFile.Extension : ".pdf");
}

/// <summary>Generated, confirmed, downloaded: every step on the minutes, with who and when.</summary>
internal sealed class MinutesLogEntry
{
    public long Id { get; set; }

    public Guid MinutesId { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    public required string Action { get; set; }

    public required string Details { get; set; }
}

internal sealed class SessionMinutesConfiguration : IEntityTypeConfiguration<SessionMinutesRecord>
{
    public void Configure(EntityTypeBuilder<SessionMinutesRecord> builder)
    {
        builder.ToTable("session_minutes", t => t.HasCheckConstraint("ck_session_minutes_confirmed", "(\"ConfirmedAt\" IS NULL) = (\"ConfirmedBy\" IS NULL)"));
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => m.SessionId).IsUnique();
        builder.HasIndex(m => m.CaseId);
        builder.Property(m => m.Number).HasMaxLength(30);
        builder.HasIndex(m => m.Number).IsUnique();
        builder.Property(m => m.ContentSha256).HasMaxLength(64);
        builder.Property(m => m.PdfSha256).HasMaxLength(64);
        builder.Property(m => m.ArchiveManifestSha256).HasMaxLength(64);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.FileName);
        builder.HasMany(m => m.Log).WithOne().HasForeignKey(l => l.MinutesId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MinutesLogEntryConfiguration : IEntityTypeConfiguration<MinutesLogEntry>
{
    public void Configure(EntityTypeBuilder<MinutesLogEntry> builder)
    {
        builder.ToTable("minutes_log");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.ActorName).HasMaxLength(200);
        builder.Property(l => l.Action).HasMaxLength(40);
        builder.Property(l => l.Details).HasMaxLength(500);
        builder.HasIndex(l => new { l.MinutesId, l.At });
    }
}
