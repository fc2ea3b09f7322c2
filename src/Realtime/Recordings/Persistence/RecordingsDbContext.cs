using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Linking;
using DaoVien.OnlineReception.Realtime.Recordings.Playback;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Realtime.Recordings.Persistence;

/// <summary>
/// Recording consent, archive queue, archives, links and access log, in schema <c>recordings</c> (kept apart from
/// the sessions' own context so the two features migrate independently).
/// New migration: <c>dotnet ef migrations add NAME --project src/Realtime --startup-project src/Web --context RecordingsDbContext --output-dir Recordings/Persistence/Migrations</c>
/// </summary>
internal sealed class RecordingsDbContext(DbContextOptions<RecordingsDbContext> options) : DbContext(options)
{
    public const string Schema = "recordings";

    public DbSet<ArchiveJob> Jobs => Set<ArchiveJob>();

    public DbSet<Archive> Archives => Set<Archive>();

    public DbSet<ArchiveFile> ArchiveFiles => Set<ArchiveFile>();

    public DbSet<ArchiveLinkEvent> LinkEvents => Set<ArchiveLinkEvent>();

    public DbSet<ArchiveAccess> AccessLog => Set<ArchiveAccess>();

    public DbSet<ConsentAcknowledgment> Consents => Set<ConsentAcknowledgment>();

    public DbSet<RecordingPause> Pauses => Set<RecordingPause>();

    public DbSet<RecordingEvent> Events => Set<RecordingEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RecordingsDbContext).Assembly, t => t.Namespace?.StartsWith(typeof(RecordingsDbContext).Namespace![..^".Persistence".Length], StringComparison.Ordinal) == true);
    }
}
