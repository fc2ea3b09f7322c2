using DaoVien.OnlineReception.Realtime.Media;
using DaoVien.OnlineReception.Realtime.Recordings;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DaoVien.OnlineReception.Realtime;

/// <summary>Composition of the realtime module: lobby, sessions, signalling, media server, recordings.</summary>
public static class RealtimeModule
{
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FfmpegOptions>().BindConfiguration(FfmpegOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FfmpegToolbox>();
        builder.Services.AddHealthChecks().AddCheck<FfmpegHealthCheck>("ffmpeg", tags: ["required"]);
        builder.AddRecordings();
        return builder;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapRecordings();
        return endpoints;
    }
}
