using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Kernel.Sealing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoVien.OnlineReception.Cases;

/// <summary>The case tables answer and a sealing public key is loaded (without it no denunciation can be taken).</summary>
internal sealed class CasesHealthCheck(CasesDbContext db, IIdentitySealer sealer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = await db.Cases.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("sealing key " + sealer.KeyFingerprint);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or DbUpdateException)
        {
            return HealthCheckResult.Unhealthy("case tables unavailable", ex);
        }
    }
}
