using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

internal sealed class MediaServerHealthCheck(JanusGateway gateway) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gateway.IsConnected
            ? HealthCheckResult.Healthy(gateway.IsEmbedded ? "embedded Janus" : "external Janus")
            : HealthCheckResult.Unhealthy("Janus: " + (gateway.LastError ?? "starting")));
}
