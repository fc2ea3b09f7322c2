using System.Text.Json;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings.Archiving;

/// <summary>
/// Background workers (<see cref="RecordingOptions.MaxConcurrentJobs"/> of them, so encodes never pile up on the
/// cores) that take archive jobs from PostgreSQL and run the pipeline; failures are retried with backoff.
/// </summary>
internal sealed class ArchiveWorker(IServiceScopeFactory scopes, ArchiveQueueSignal signal, TimeProvider time, IOptions<RecordingOptions> options, ILogger<ArchiveWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentJobs).Select(_ => Task.Run(() => LoopAsync(Guid.NewGuid(), stoppingToken), stoppingToken)));

    private async Task LoopAsync(Guid workerId, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await RunOneAsync(workerId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A worker loop must survive any failure (database down, …) and try again later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Archive worker {WorkerId} failed to poll the queue", workerId);
                worked = false;
            }

            if (!worked)
            {
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims and runs one job; false when nothing was due.</summary>
    internal async Task<bool> RunOneAsync(Guid workerId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<ArchiveQueue>();
        var job = await queue.ClaimAsync(workerId, cancellationToken);
        if (job is null)
        {
            return false;
        }

        logger.LogInformation("Archive job {JobId} (session {SessionId}) attempt {Attempt} started", job.Id, job.SessionId, job.Attempts);
        try
        {
            var completed = await RunJobAsync(scope.ServiceProvider, job, workerId, cancellationToken);
            await NotifyAsync(scope.ServiceProvider, completed, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: leave the job Running; its lease lapses and the next start takes it again.
            throw;
        }
#pragma warning disable CA1031 // Any failure of one job is recorded on that job and retried; the worker goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await queue.FailAsync(job, workerId, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
        }

        return true;
    }

    private async Task<ArchiveCompleted> RunJobAsync(IServiceProvider services, ArchiveJob job, Guid workerId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<RecordingsDbContext>();
        var queue = services.GetRequiredService<ArchiveQueue>();
        var builder = services.GetRequiredService<ArchiveBuilder>();
        var participants = JsonSerializer.Deserialize<List<ArchiveParticipant>>(job.ParticipantsJson) ?? [];
        var consents = await db.Consents.Where(c => c.SessionId == job.SessionId)
            .GroupBy(c => c.ParticipantId).Select(g => new { g.Key, At = g.Min(c => c.AcknowledgedAt) })
            .ToDictionaryAsync(x => x.Key, x => x.At, cancellationToken);
        var gaps = await RecordingLog.LoggedGapsAsync(db, job.SessionId, job.SessionEndedAt, cancellationToken);
        if (string.IsNullOrWhiteSpace(job.CaseNumber))
        {
            // The case is opened when the session ends, after its archive request was queued: ask for it now.
            job.CaseNumber = await services.GetRequiredService<IArchiveCaseNumbers>().ForSessionAsync(job.SessionId, cancellationToken);
        }

        // An archive id is fixed per job, so a retry after a crash finds the earlier partial folder and replaces it.
        var archiveId = job.ArchiveId ?? Guid.NewGuid();
        if (job.ArchiveId is null)
        {
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.ArchiveId, archiveId), cancellationToken);
        }

        // Null: not stored yet (a retry after the row was saved finds it, and whether it is sealed).
        var storedSealed = await db.Archives.Where(a => a.Id == archiveId).Select(a => (bool?)a.Sealed).SingleOrDefaultAsync(cancellationToken);
        if (storedSealed is null)
        {
            var lastReport = DateTimeOffset.MinValue;
            var built = await builder.BuildAsync(new ArchiveInput(archiveId, job, participants, consents, gaps, await IsDenunciationAsync(services, job, cancellationToken)), (stage, fraction) =>
            {
                // Progress callbacks come from ffmpeg's output thread; write at most every 2 s, and renew the lease with it.
                var now = time.GetUtcNow();
                if (now - lastReport < TimeSpan.FromSeconds(2) && fraction < 1)
                {
                    return;
                }

                lastReport = now;
                using var progressScope = scopes.CreateScope();
                progressScope.ServiceProvider.GetRequiredService<ArchiveQueue>().ReportAsync(job.Id, workerId, stage, fraction, CancellationToken.None).GetAwaiter().GetResult();
            }, cancellationToken);

            var archive = new Archive
            {
                Id = archiveId,
                SessionId = job.SessionId,
                BookingId = job.BookingId,
                CaseNumber = job.CaseNumber,
                SessionStartedAt = job.SessionStartedAt,
                SessionEndedAt = job.SessionEndedAt,
                MediaStartedAt = built.Manifest.MediaStartedAt,
                MediaEndedAt = built.Manifest.MediaEndedAt,
                ParticipantCount = built.Manifest.Participants.Count,
                GapCount = built.Manifest.Gaps.Count,
                ManifestSha256 = built.ManifestSha256,
                CreatedAt = time.GetUtcNow(),
                Integrity = IntegrityState.Intact,
                IntegrityCheckedAt = time.GetUtcNow(),
                Files =
                [
                    .. built.Manifest.Files.Select(f => new ArchiveFile
                    {
                        FileName = f.Name,
                        Kind = Enum.Parse<ArchiveFileKind>(f.Kind),
                        ParticipantId = f.ParticipantId,
                        Size = f.Size,
                        Sha256 = f.Sha256,
                        ContentType = ContentTypes.For(f.Name),
                    }),
                ],
            };
            var (manifestSize, _) = await FileHashing.HashAsync(Path.Combine(built.Folder, ArchiveManifest.FileName), cancellationToken);
            archive.Files.Add(new ArchiveFile { FileName = ArchiveManifest.FileName, Kind = ArchiveFileKind.Manifest, Size = manifestSize, Sha256 = built.ManifestSha256, ContentType = "application/json" });
            archive.Sealed = built.Manifest.SealedWithKey is not null;
            db.Archives.Add(archive);
            await db.SaveChangesAsync(cancellationToken);
            storedSealed = archive.Sealed;
        }

        if (storedSealed == true)
        {
            // The sealed archive is stored: Janus's plain recordings of the denouncer go (the originals inside are lossless).
            var raw = services.GetRequiredService<RecordingPaths>().RawFolder(job.SessionId);
            if (Directory.Exists(raw))
            {
                Directory.Delete(raw, recursive: true);
            }
        }

        var done = time.GetUtcNow();
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, ArchiveJobState.Succeeded).SetProperty(j => j.Progress, 1).SetProperty(j => j.Stage, "done")
            .SetProperty(j => j.CompletedAt, done).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        var manifestSha256 = await db.Archives.Where(a => a.Id == archiveId).Select(a => a.ManifestSha256).SingleAsync(cancellationToken);
        return new ArchiveCompleted(archiveId, job.SessionId, job.BookingId, job.CaseNumber, manifestSha256);
    }

    /// <summary>A denunciation's session shows and says who the denouncer is: its archive is sealed (docs/domain.md, docs/adr/0043).</summary>
    private static async Task<bool> IsDenunciationAsync(IServiceProvider services, ArchiveJob job, CancellationToken cancellationToken) =>
        job.SealAsDenunciation
        || job.BookingId is { } bookingId
        && await services.GetRequiredService<IBookingDirectory>().FindAsync(bookingId, cancellationToken) is { Kind: MatterKind.Denunciation };

    private async Task NotifyAsync(IServiceProvider services, ArchiveCompleted completed, CancellationToken cancellationToken)
    {
        foreach (var handler in services.GetServices<IArchiveEvents>())
        {
            try
            {
                await handler.ArchiveCompletedAsync(completed, cancellationToken);
            }
#pragma warning disable CA1031 // The archive is complete either way; a failing reaction (attach to case) must not fail the job.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Reaction to archive {ArchiveId} completion failed; staff can attach it by hand", completed.ArchiveId);
            }
        }
    }
}

internal static class ContentTypes
{
    public static string For(string fileName) => Path.GetExtension(fileName) switch
    {
        ".mp4" => "video/mp4",
        ".webm" => "video/webm",
        ".opus" => "audio/ogg",
        ".wav" => "audio/wav",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
