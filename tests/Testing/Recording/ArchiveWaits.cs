using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Testing.Recording;

/// <summary>Waits on the archive pipeline, which runs in the app's background worker.</summary>
internal static class ArchiveWaits
{
    /// <summary>The session's archive job once it finished (succeeded, or failed for good after its retries).</summary>
    public static Task<ArchiveJob> JobFinishedAsync(this ReceptionAppFactory app, Guid sessionId, CancellationToken cancellationToken) =>
        Eventually.ValueAsync(
            () => app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.SessionId == sessionId, cancellationToken)),
            TimeSpan.FromMinutes(3),
            $"archive job of session {sessionId} finished",
            cancellationToken,
            job => job.State is ArchiveJobState.Succeeded or ArchiveJobState.Failed,
            job => $"{job.State}, stage {job.Stage} {job.Progress:P0}, attempt {job.Attempts}, next {job.NextAttemptAt:O}, lease {job.LeaseExpiresAt:O}, error {job.LastError}");

    /// <summary>The session's archive once it is linked to a case.</summary>
    public static Task<ArchiveSummary> CaseLinkAsync(this ReceptionAppFactory app, Guid sessionId, CancellationToken cancellationToken) =>
        Eventually.ValueAsync(
            () => app.WithScopeAsync(sp => sp.GetRequiredService<IArchiveCaseLinks>().FindBySessionAsync(sessionId, cancellationToken)),
            TimeSpan.FromSeconds(30),
            $"archive of session {sessionId} linked to a case",
            cancellationToken,
            archive => archive.CaseId is not null);
}
