using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>/healthz part: the embedded coturn answers a STUN binding request (a live process alone proves nothing).</summary>
internal sealed class TurnHealthCheck(TurnServer turn) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!turn.IsEmbedded)
        {
            return HealthCheckResult.Healthy("external or no TURN server");
        }

        return await turn.AnswersAsync(cancellationToken)
            ? HealthCheckResult.Healthy("embedded coturn")
            : HealthCheckResult.Unhealthy("coturn: " + (turn.LastError ?? "starting"));
    }
}
