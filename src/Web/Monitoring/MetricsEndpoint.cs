using DaoVien.OnlineReception.Realtime.Monitoring;
using DaoVien.OnlineReception.Web.Health;
using Microsoft.AspNetCore.SignalR;
using Prometheus;

namespace DaoVien.OnlineReception.Web.Monitoring;

/// <summary>
/// <c>GET /metrics</c> in Prometheus's text format: HTTP requests (prometheus-net's middleware), .NET process
/// figures, open hub connections, today's lobby, live sessions, the archive queue and media-server restarts.
/// Only operators (<see cref="OperatorAccess"/>: this machine or signed-in staff) may read it; see docs/adr/0050.
/// One registry per app instance, not prometheus-net's static one, so that two apps in one process (tests) do not
/// mix their figures and a disposed app leaves no callback behind.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static void AddMonitoring(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HubConnectionCounter>();
        builder.Services.Configure<HubOptions>(o => o.AddFilter<HubConnectionCounter>());
        builder.Services.AddSingleton(sp => new AppMetrics(sp.GetRequiredService<HubConnectionCounter>(), sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<ILogger<AppMetrics>>()));
    }

    public static void UseHttpMetricsOfApp(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<AppMetrics>();
        // After UseRouting, so the series are labelled by endpoint route, not by raw URL (bounded cardinality).
        app.UseHttpMetrics(o =>
        {
            o.SetMetricFactory(metrics.Factory);
            o.ReduceStatusCodeCardinality();
        });
    }

    public static void MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        var metrics = endpoints.ServiceProvider.GetRequiredService<AppMetrics>();
        var pipeline = endpoints.CreateApplicationBuilder()
            .Use(async (context, next) =>
            {
                if (!OperatorAccess.IsOperator(context))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                await next(context);
            })
            .UseMiddleware<MetricServerMiddleware>(new MetricServerMiddleware.Settings { Registry = metrics.Registry })
            .Build();
        endpoints.Map(Path, pipeline).WithDisplayName("Prometheus metrics");
    }
}

/// <summary>This app's Prometheus registry and the gauges it refreshes on each scrape.</summary>
internal sealed partial class AppMetrics
{
    private readonly Gauge _hubConnections;
    private readonly Gauge _lobbyWaiting;
    private readonly Gauge _liveSessions;
    private readonly Gauge _archiveQueue;
    private readonly Counter _mediaRestarts;
    private readonly Gauge _databaseUp;
    private readonly ILogger<AppMetrics> _logger;

    public AppMetrics(HubConnectionCounter hubConnections, IServiceScopeFactory scopes, ILogger<AppMetrics> logger)
    {
        _logger = logger;
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        Factory = Metrics.WithCustomRegistry(Registry);
        _hubConnections = Factory.CreateGauge("daovien_hub_connections", "Open SignalR connections (citizens in the lobby or a session, officials at the console).");
        _lobbyWaiting = Factory.CreateGauge("daovien_lobby_waiting", "Bookings waiting in today's lobby.");
        _liveSessions = Factory.CreateGauge("daovien_sessions_live", "Reception sessions open now.");
        _archiveQueue = Factory.CreateGauge("daovien_archive_queue_depth", "Archive jobs queued or running.");
        _mediaRestarts = Factory.CreateCounter("daovien_media_server_restarts_total", "Times the media server was lost and a new connection made since the app started.");
        _databaseUp = Factory.CreateGauge("daovien_database_up", "1 when the last scrape could read the database, else 0 (the database gauges then keep their last values).");
        Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            _hubConnections.Set(hubConnections.Open);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var reading = await scope.ServiceProvider.GetRequiredService<IRealtimeGauges>().ReadAsync(cancellationToken);
                _lobbyWaiting.Set(reading.LobbyWaiting);
                _liveSessions.Set(reading.LiveSessions);
                _archiveQueue.Set(reading.ArchiveQueueDepth);
                _mediaRestarts.IncTo(reading.MediaServerRestarts);
                _databaseUp.Set(1);
            }
            catch (Exception ex) when (Hosting.DatabaseUnavailableHandler.IsDatabaseUnavailable(ex))
            {
                _databaseUp.Set(0);
                LogUnavailable(ex.Message);
            }
        });
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics: the database gauges could not be read: {Reason}")]
    private partial void LogUnavailable(string reason);
}
