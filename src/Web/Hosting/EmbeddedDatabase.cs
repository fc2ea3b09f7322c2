using DaoVien.OnlineReception.Kernel;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// The "embedded default": with no <c>ConnectionStrings:Reception</c>, start a private PostgreSQL cluster under the
/// data folder before anything reads the connection string, and stop it when the host stops (Ctrl+C, SIGTERM) or
/// is disposed after a failed start.
/// </summary>
internal static partial class EmbeddedDatabase
{
    public static void AddEmbeddedDatabaseIfNeeded(this WebApplicationBuilder builder, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(KernelModule.ConnectionStringName)))
        {
            return;
        }

        if (Microsoft.EntityFrameworkCore.EF.IsDesignTime)
        {
            // 'dotnet ef migrations add' builds the model only; it must not start a database.
            builder.Configuration[$"ConnectionStrings:{KernelModule.ConnectionStringName}"] = "Host=design-time;Database=reception";
            return;
        }

        // The host's logging is not built yet: log these first lines the way it will (format and timestamps from settings).
        using var loggerFactory = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
        var cluster = PostgresCluster.StartAsync(
                Path.Combine(dataDirectory, "postgres"),
                builder.Configuration[$"{ReceptionHostOptions.Section}:PostgresBinDirectory"],
                logger: loggerFactory.CreateLogger<PostgresCluster>())
            .GetAwaiter().GetResult();
        var connectionString = cluster.ConnectionString("reception");
        EnsureDatabase(cluster).GetAwaiter().GetResult();
        builder.Configuration[$"ConnectionStrings:{KernelModule.ConnectionStringName}"] = connectionString;
        // Registered before every other hosted service, so it stops last; registered through a factory so the
        // container disposes it (and stops PostgreSQL) even when the host failed to start.
        builder.Services.AddSingleton(_ => cluster);
        // Safety net for failures before the host owns the cluster (bad port, bad option): stop it at process exit.
        // Bounded: an exit must never hang on it (the host's stop has normally done this already, and then it returns at once).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync().Wait(TimeSpan.FromSeconds(15));
        builder.Services.AddHostedService<EmbeddedDatabaseLifetime>();
    }

    private static async Task EnsureDatabase(PostgresCluster cluster)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = 'reception'", connection);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE reception", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Watches the postmaster and starts it again if it dies (a kill, the OOM killer): the app stays up and answers 503
    /// meanwhile, instead of serving errors until someone restarts it. Stops the cluster when the host stops; registered
    /// before every other hosted service, so that is last.
    /// </summary>
    private sealed partial class EmbeddedDatabaseLifetime(
        PostgresCluster cluster, IHostApplicationLifetime lifetime, ILogger<EmbeddedDatabaseLifetime> logger) : BackgroundService
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // Nothing is restarted once the host is stopping: the stop below ends the cluster for good.
            using var watch = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
            var failures = 0;
            try
            {
                while (!watch.Token.IsCancellationRequested)
                {
                    await Task.Delay(failures == 0 ? PollInterval : TimeSpan.FromSeconds(Math.Min(failures, 10)), watch.Token);
                    if (cluster.PostmasterProcessId() is not null)
                    {
                        failures = 0;
                        continue;
                    }

                    if (failures == 0)
                    {
                        LogLost(cluster.DataDirectory);
                    }

                    try
                    {
                        await cluster.RestartAsync(watch.Token);
                        // Pooled connections point at the dead server; drop them rather than fail one request each.
                        Npgsql.NpgsqlConnection.ClearAllPools();
                        LogRestarted(cluster.DataDirectory);
                        failures = 0;
                    }
                    catch (StartupException ex)
                    {
                        // Typically the dead server's backends still hold its shared memory for a moment: try again.
                        failures++;
                        LogRestartFailed(failures, ex.Message);
                    }
                }
            }
            catch (OperationCanceledException) when (watch.Token.IsCancellationRequested)
            {
                // Stopping.
            }
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            await base.StopAsync(cancellationToken);
            await cluster.StopAsync();
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "The private PostgreSQL server in {DataDirectory} is gone; restarting it")]
        private partial void LogLost(string dataDirectory);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The private PostgreSQL server in {DataDirectory} is running again (crash recovery done)")]
        private partial void LogRestarted(string dataDirectory);

        [LoggerMessage(Level = LogLevel.Error, Message = "Restarting the private PostgreSQL server failed (attempt {Attempt}): {Reason}")]
        private partial void LogRestartFailed(int attempt, string reason);
    }
}
