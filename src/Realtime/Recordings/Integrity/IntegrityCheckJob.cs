using Microsoft.Extensions.Logging;
using Quartz;

namespace DaoVien.OnlineReception.Realtime.Recordings.Integrity;

/// <summary>Nightly: re-hash every archive against its manifest (idempotent; a double fire just checks twice).</summary>
[DisallowConcurrentExecution]
internal sealed class IntegrityCheckJob(IntegrityVerifier verifier, ILogger<IntegrityCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new(nameof(IntegrityCheckJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var mismatches = await verifier.VerifyAllAsync(cancellationToken);
        logger.LogInformation("Archive integrity check finished with {Mismatches} mismatches", mismatches);
    }
}
