using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>
/// The calendar's own tables answer and both overlap constraints are in place (without it meetings could clash).
/// Reports the outbox backlog and whether SMTP is configured, so a silent mail problem shows on /healthz.
/// </summary>
internal sealed class SchedulingHealthCheck(SchedulingDbContext db, IOptions<NotificationOptions> notifications) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var constraint = await db.Database
                .SqlQuery<int>($"select count(*)::int as \"Value\" from pg_constraint where conname in ({Meetings.OfficialBusyPeriodConfiguration.ExclusionConstraint}, {Meetings.OfficialBusyPeriodConfiguration.BlockExclusionConstraint})")
                .SingleAsync(cancellationToken);
            var pending = await db.Outbox.CountAsync(m => m.SentAt == null, cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["pendingNotifications"] = pending,
                ["smtpConfigured"] = !string.IsNullOrWhiteSpace(notifications.Value.Smtp.Host),
            };
            return constraint == 2
                ? HealthCheckResult.Healthy(data: data)
                : HealthCheckResult.Unhealthy("a meeting overlap constraint is missing", data: data);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("scheduling tables unreachable", ex);
        }
    }
}
