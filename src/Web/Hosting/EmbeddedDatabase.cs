using DaoVien.OnlineReception.Scheduling;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// The "embedded default": with no <c>ConnectionStrings:Reception</c>, start a private PostgreSQL cluster under the
/// data folder before anything reads the connection string, and stop it when the host stops (Ctrl+C, SIGTERM) or
/// is disposed after a failed start.
/// </summary>
internal static class EmbeddedDatabase
{
    public static void AddEmbeddedDatabaseIfNeeded(this WebApplicationBuilder builder, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(SchedulingModule.ConnectionStringName)))
        {
            return;
        }

        if (Microsoft.EntityFrameworkCore.EF.IsDesignTime)
        {
            // 'dotnet ef migrations add' builds the model only; it must not start a database.
            builder.Configuration[$"ConnectionStrings:{SchedulingModule.ConnectionStringName}"] = "Host=design-time;Database=reception";
            return;
        }

        using var loggerFactory = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
        var cluster = PostgresCluster.StartAsync(
                Path.Combine(dataDirectory, "postgres"),
                builder.Configuration[$"{ReceptionHostOptions.Section}:PostgresBinDirectory"],
                logger: loggerFactory.CreateLogger<PostgresCluster>())
            .GetAwaiter().GetResult();
        var connectionString = cluster.ConnectionString("reception");
        EnsureDatabase(cluster).GetAwaiter().GetResult();
        builder.Configuration[$"ConnectionStrings:{SchedulingModule.ConnectionStringName}"] = connectionString;
        // Registered before every other hosted service, so it stops last; registered through a factory so the
        // container disposes it (and stops PostgreSQL) even when the host failed to start.
        builder.Services.AddSingleton(_ => cluster);
        // Safety net for failures before the host owns the cluster (bad port, bad option): stop it at process exit.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync().GetAwaiter().GetResult();
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

    private sealed class EmbeddedDatabaseLifetime(PostgresCluster cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync();
    }
}
