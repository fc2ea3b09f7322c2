using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoVien.OnlineReception.Web.Health;

internal static class HealthEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>
    /// <c>GET /healthz/live</c>: 200 while the process serves requests (checks nothing: a restart would not help a
    /// database that is down). <c>GET /healthz/ready</c> and <c>/healthz</c>: 200 only when every required part is
    /// healthy, else 503. Anyone gets the overall status; operators (<see cref="OperatorAccess"/>) each part's state,
    /// description and error.
    /// </summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz/live", Options(_ => false)).DisableHttpMetrics();
        endpoints.MapHealthChecks("/healthz/ready", Options(r => r.Tags.Contains("required"))).DisableHttpMetrics();
        endpoints.MapHealthChecks("/healthz", Options(r => r.Tags.Contains("required"))).DisableHttpMetrics();
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (!OperatorAccess.IsOperator(context))
        {
            // Versions, key fingerprints and error texts tell an attacker what runs here and what is broken.
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, Json));
        }

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    error = e.Value.Exception?.Message,
                    durationMs = e.Value.Duration.TotalMilliseconds,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
