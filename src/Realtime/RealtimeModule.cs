using DaoVien.OnlineReception.Kernel;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Realtime.Media;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace DaoVien.OnlineReception.Realtime;

/// <summary>Composition of the realtime module: lobby, sessions, signalling, media server, recordings.</summary>
public static class RealtimeModule
{
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FfmpegOptions>().BindConfiguration(FfmpegOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FfmpegToolbox>();
        builder.Services.AddHealthChecks()
            .AddCheck<FfmpegHealthCheck>("ffmpeg", tags: ["required"])
            .AddCheck<MediaServerHealthCheck>("media", tags: ["required"])
            .AddCheck<TurnHealthCheck>("turn", tags: ["required"]);

        builder.Services.AddDbContext<RealtimeDbContext>(o => o.UseNpgsql(
            builder.Configuration.GetConnectionString(KernelModule.ConnectionStringName),
            npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", RealtimeDbContext.Schema)));
        builder.Services.AddOptions<JanusOptions>().BindConfiguration(JanusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IceServerOptions>().BindConfiguration(IceServerOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TurnUrls.Count == 0 || !string.IsNullOrEmpty(o.TurnSharedSecret), "Media:Ice:TurnSharedSecret is required with TurnUrls")
            .ValidateOnStart();
        builder.Services.AddOptions<TurnOptions>().BindConfiguration(TurnOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<JanusGateway>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JanusGateway>());
        builder.Services.AddSingleton<TurnServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnServer>());
        builder.Services.AddSingleton<SessionMedia>();
        builder.Services.AddSingleton<IceServers>();
        builder.Services.AddScoped<LobbyBoard>();
        builder.Services.AddScoped<LobbyDoor>();
        builder.Services.AddScoped<SessionLifecycle>();
        builder.Services.AddScoped<Dialogue.DialogueService>();
        builder.Services.AddScoped<SessionChat>();
        builder.Services.AddSingleton<LiveSealedChat>();
        builder.Services.AddScoped<CrashedSessionOutcomes>();
        builder.Services.AddScoped<IReceptionSessionDirectory, SessionDirectory>();
        builder.Services.AddScoped<Monitoring.IRealtimeGauges, Monitoring.RealtimeGauges>();
        // The web host replaces it with one that adds the citizen's other bookings and case files.
        builder.Services.TryAddScoped<ICitizenHistory, SessionCitizenHistory>();
        builder.Services.TryAddScoped<ISessionReceiptCases, NoReceiptCases>();
        builder.Services.AddScoped<SessionReceipts>();
        builder.Services.TryAddScoped<Recordings.IArchiveCaseNumbers, Recordings.NoArchiveCaseNumbers>();
        builder.Services.TryAddScoped<Recordings.IArchiveAccessPolicy, Recordings.NoArchiveAccess>();

        builder.Services.AddSignalR(o =>
        {
            // SDP is a few KB; nothing legitimate is larger than this.
            o.MaximumReceiveMessageSize = 128 * 1024;
            o.MaximumParallelInvocationsPerClient = 1;
            o.AddFilter<HubGuard>();
        });
        builder.Services.AddSingleton<HubGuard>();
        builder.Services.AddSingleton<StaffConnections>();
        builder.Services.AddHostedService<StaffConnectionSweep>();
        // The limiter middleware and its one-line rejection are the scheduling module's; this adds the hub's policy.
        builder.Services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(HubRateLimit, context => ClientRateLimit.PerMinute(
            context, context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RealtimeOptions>>().Value.HubNegotiationsPerMinute)));

        var zone = builder.Configuration[$"{WardOptions.Section}:TimeZoneId"] ?? new WardOptions().TimeZoneId;
        builder.Services.AddQuartz(q =>
        {
            var job = new JobKey(nameof(LobbyDoorJob));
            q.AddJob<LobbyDoorJob>(j => j.WithIdentity(job));
            q.AddTrigger(t => t.ForJob(job).WithIdentity(nameof(LobbyDoorJob)).StartNow()
                .WithCronSchedule("0 * * * * ?", c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(zone))));
        });
        builder.AddRecordings();
        return builder;
    }

    /// <summary>Rate-limit policy of the hub's endpoints, per client address (<see cref="RealtimeOptions.HubNegotiationsPerMinute"/>).</summary>
    public const string HubRateLimit = "hub-negotiation";

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHub<ReceptionHub>(ReceptionHub.Path).RequireRateLimiting(HubRateLimit);
        endpoints.MapRecordings();
        return endpoints;
    }
}
