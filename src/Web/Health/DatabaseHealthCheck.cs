using DaoVien.OnlineReception.Web.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoVien.OnlineReception.Web.Health;

internal sealed class DatabaseHealthCheck(StaffDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("PostgreSQL")
                : HealthCheckResult.Unhealthy("PostgreSQL does not answer");
        }
        catch (Npgsql.NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", ex);
        }
    }
}
