using System.Globalization;
using DaoVien.OnlineReception.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// One private PostgreSQL cluster per test run (per test assembly: declare
/// <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>). Every test class gets a fresh database from it.
/// Never falls back to another database: if PostgreSQL cannot start, the tests fail.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static int _counter;
    private PostgresCluster? _cluster;

    public string RootDirectory { get; } = Path.Combine(Path.GetTempPath(), "daovien-pg-" + Guid.NewGuid().ToString("N")[..12]);

    internal PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("PostgreSQL has not started");

    public async ValueTask InitializeAsync()
    {
        // Durability is not what these tests measure; fsync off makes a test run several times faster.
        // One server for a whole test assembly whose classes run in parallel, each app with its own connection pool
        // and Quartz jobs: the app's 200 ran out ("too many clients") on a loaded run.
        _cluster = await PostgresCluster.StartAsync(RootDirectory, serverSettings: ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=600"]);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}").ToLowerInvariant();
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return Cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        try
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner; never fail a run over it.
        }
    }
}

/// <summary>A fresh database per test class, with every module's migrations applied (never EnsureCreated).</summary>
public class FreshDatabase(PostgresServer server) : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateDatabaseAsync();
        await using var app = ReceptionAppFactory.Create(ConnectionString, Path.Combine(server.RootDirectory, "data-" + Guid.NewGuid().ToString("N")[..8]));
        // Building the host's services is enough to run the migrator and seeding (hosted services) once.
        using var client = app.CreateClient();
    }

    /// <summary>A DbContext of <typeparamref name="TContext"/> on this class's database.</summary>
    public TContext CreateContext<TContext>(Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(create);
        return create(new DbContextOptionsBuilder<TContext>().UseNpgsql(ConnectionString).Options);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
