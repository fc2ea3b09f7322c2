using System.Text.Json;
using System.Threading.Channels;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DaoVien.OnlineReception.Realtime.Recordings.Archiving;

/// <summary>The archive job queue over <c>recordings.archive_jobs</c>: enqueue, claim (SKIP LOCKED), lease, retry with backoff.</summary>
internal sealed class ArchiveQueue(RecordingsDbContext db, TimeProvider time, IOptions<RecordingOptions> options, ArchiveQueueSignal signal, ILogger<ArchiveQueue> logger)
    : IRecordingArchiver
{
    public async Task<Guid> EnqueueAsync(ArchiveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await db.Jobs.Where(j => j.SessionId == request.SessionId).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var now = time.GetUtcNow();
        var job = new ArchiveJob
        {
            Id = Guid.NewGuid(),
            SessionId = request.SessionId,
            BookingId = request.BookingId,
            CaseNumber = request.CaseNumber,
            SessionStartedAt = request.StartedAt,
            SessionEndedAt = request.EndedAt,
            EndKind = request.EndKind,
            SealAsDenunciation = request.SealAsDenunciation,
            ParticipantsJson = JsonSerializer.Serialize(request.Participants),
            State = ArchiveJobState.Queued,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two enqueues of one session raced: the unique index kept one job; return it.
            db.ChangeTracker.Clear();
            return await db.Jobs.Where(j => j.SessionId == request.SessionId).Select(j => j.Id).SingleAsync(cancellationToken);
        }

        logger.LogInformation("Archive job {JobId} queued for session {SessionId}", job.Id, job.SessionId);
        signal.Notify();
        return job.Id;
    }

    /// <summary>
    /// Takes the next due job: queued and due, or running with a lapsed lease (its worker died). SKIP LOCKED lets
    /// concurrent workers (and app instances) each take a different job without waiting on each other.
    /// </summary>
    public async Task<ArchiveJob?> ClaimAsync(Guid workerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = now + options.Value.JobLease;
        var claimed = await db.Jobs.FromSql($"""
            UPDATE recordings.archive_jobs SET "State" = 'Running', "Attempts" = "Attempts" + 1, "WorkerId" = {workerId},
                   "LeaseExpiresAt" = {lease}, "Stage" = 'claimed', "Progress" = 0
            WHERE "Id" = (
                SELECT "Id" FROM recordings.archive_jobs
                WHERE ("State" = 'Queued' AND "NextAttemptAt" <= {now}) OR ("State" = 'Running' AND "LeaseExpiresAt" < {now})
                ORDER BY "NextAttemptAt", "CreatedAt"
                FOR UPDATE SKIP LOCKED
                LIMIT 1)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        return claimed.SingleOrDefault();
    }

    /// <summary>Progress and lease renewal in one write; false when the job is no longer ours (lease taken over).</summary>
    public async Task<bool> ReportAsync(Guid jobId, Guid workerId, string stage, double progress, CancellationToken cancellationToken)
    {
        var lease = time.GetUtcNow() + options.Value.JobLease;
        var rows = await db.Jobs.Where(j => j.Id == jobId && j.WorkerId == workerId && j.State == ArchiveJobState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Stage, stage).SetProperty(j => j.Progress, Math.Clamp(progress, 0, 1)).SetProperty(j => j.LeaseExpiresAt, lease), cancellationToken);
        return rows == 1;
    }

    public async Task FailAsync(ArchiveJob job, Guid workerId, string error, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var final = job.Attempts >= o.MaxAttempts;
        var delay = TimeSpan.FromTicks(o.RetryBaseDelay.Ticks * (1L << Math.Min(job.Attempts - 1, 16)));
        var message = error.Length > 4000 ? error[..4000] : error;
        await db.Jobs.Where(j => j.Id == job.Id && j.WorkerId == workerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, final ? ArchiveJobState.Failed : ArchiveJobState.Queued)
                .SetProperty(j => j.NextAttemptAt, now + delay)
                .SetProperty(j => j.LastError, message)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(j => j.WorkerId, (Guid?)null)
                .SetProperty(j => j.Stage, final ? "failed" : "retry"), cancellationToken);
        if (final)
        {
            logger.LogError("Archive job {JobId} of session {SessionId} failed for good after {Attempts} attempts: {Error}", job.Id, job.SessionId, job.Attempts, message);
        }
        else
        {
            logger.LogWarning("Archive job {JobId} attempt {Attempts} failed, retry after {Delay}: {Error}", job.Id, job.Attempts, delay, message);
        }
    }

    /// <summary>Staff's "try again" on a permanently failed job.</summary>
    public async Task<bool> RetryAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Jobs.Where(j => j.Id == jobId && j.State == ArchiveJobState.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ArchiveJobState.Queued).SetProperty(j => j.Attempts, 0).SetProperty(j => j.NextAttemptAt, now).SetProperty(j => j.Stage, "queued"), cancellationToken);
        signal.Notify();
        return rows == 1;
    }
}

/// <summary>Wakes idle workers when a job is queued (they also poll, so a missed signal only delays).</summary>
internal sealed class ArchiveQueueSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
