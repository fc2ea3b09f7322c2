using System.Net;
using System.Text.Json;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

public sealed class HealthAndBootstrapTests(PostgresServer server)
{
    [Fact]
    public async Task Healthz_DatabaseAndFfmpegUp_Returns200WithEachPart()
    {
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewDataDirectory());
        // Over a loopback socket: only an operator (this machine, or staff) sees each part (docs/adr/0050).
        using var client = new HttpClient { BaseAddress = app.StartOnSocket() };

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("ffmpeg").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_DatabaseDown_Returns503()
    {
        // A database that does not exist on the running server: the app starts, then cannot reach it.
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewDataDirectory());
        // Over a loopback socket: only an operator (this machine, or staff) sees each part (docs/adr/0050).
        using var client = new HttpClient { BaseAddress = app.StartOnSocket() };
        await using (var admin = new Npgsql.NpgsqlConnection(app.Services.GetConnectionString()))
        {
            // Terminate and forbid new connections to this test's database.
            var db = new Npgsql.NpgsqlConnectionStringBuilder(admin.ConnectionString).Database;
            await using var control = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = "postgres" }.ConnectionString);
            await control.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{db}\" ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}';", control);
            await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"database\":{\"status\":\"Unhealthy\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstStart_NoUsers_WritesAdminPasswordFileOnlyReadableByOwner()
    {
        var dataDirectory = NewDataDirectory();
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), dataDirectory);
        using var client = app.CreateClient();

        var file = Path.Combine(dataDirectory, "initial-admin.txt");
        Assert.True(File.Exists(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Matches("^.{16}$", app.ReadInitialAdminPassword());
    }

    [Fact]
    public async Task SecondStart_UsersExist_DoesNotCreateAnotherAdmin()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var first = NewDataDirectory();
        await using (var app = ReceptionAppFactory.Create(connectionString, first))
        {
            using var client = app.CreateClient();
        }

        var second = NewDataDirectory();
        await using (var app = ReceptionAppFactory.Create(connectionString, second))
        {
            using var client = app.CreateClient();
        }

        Assert.False(File.Exists(Path.Combine(second, "initial-admin.txt")));
    }

    private string NewDataDirectory() => Path.Combine(server.RootDirectory, "app-" + Guid.NewGuid().ToString("N")[..8]);
}

internal static class ServiceProviderExtensions
{
    public static string GetConnectionString(this IServiceProvider services) =>
        ((Microsoft.Extensions.Configuration.IConfiguration)services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration))!)
            .GetSection("ConnectionStrings")["Reception"]!;
}
