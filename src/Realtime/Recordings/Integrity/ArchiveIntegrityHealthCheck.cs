using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoVien.OnlineReception.Realtime.Recordings.Integrity;

/// <summary>/healthz part: unhealthy while any archive failed its last integrity check; permanently failed jobs are reported too.</summary>
internal sealed class ArchiveIntegrityHealthCheck(RecordingsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var mismatches = await db.Archives.CountAsync(a => a.Integrity == IntegrityState.Mismatch, cancellationToken);
        var failedJobs = await db.Jobs.CountAsync(j => j.State == ArchiveJobState.Failed, cancellationToken);
        if (mismatches > 0)
        {
            return HealthCheckResult.Unhealthy($"{mismatches} archive(s) do not match their manifest; {failedJobs} archive job(s) failed");
        }

        return failedJobs > 0
            ? HealthCheckResult.Degraded($"{failedJobs} archive job(s) failed permanently")
            : HealthCheckResult.Healthy("all archives match their manifests");
    }
}
