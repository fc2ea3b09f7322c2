using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DaoVien.OnlineReception.Realtime.Media;

internal sealed class FfmpegHealthCheck(FfmpegToolbox toolbox) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var version = await toolbox.GetVersionAsync();
        return version is null
            ? HealthCheckResult.Unhealthy("ffmpeg/ffprobe not found or not runnable (Debian package: ffmpeg)")
            : HealthCheckResult.Healthy(version);
    }
}
