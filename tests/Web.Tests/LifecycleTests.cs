using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>
/// The app as ./run.sh runs it (embedded PostgreSQL and Janus) stops cleanly on Ctrl+C in a terminal and on SIGTERM,
/// and lives through its database being killed.
/// </summary>
public sealed class LifecycleTests : IDisposable
{
    // A first start initialises a cluster and applies every migration: a hang guard, not a speed check (see EmbeddedDatabaseTests).
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "daovien-life-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task CtrlC_InTerminal_AppExitsWithin10sAndLeavesNoPostgresOrJanus()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = AppProcess.FreePort();
        await using var terminal = TerminalProcess.Start(
            ["dotnet", RepositoryPaths.WebAssembly, "--contentRoot", RepositoryPaths.WebContentRoot, "--urls", $"http://127.0.0.1:{port}", "--data-dir", _dataDirectory],
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Sealing__AcceptPrivateKeyInDataFolder"] = "true" },
            ["ConnectionStrings__Reception"]);
        await terminal.WaitForOutputAsync("Application started", StartTimeout, ct);
        await WaitHealthyAsync(new Uri($"http://127.0.0.1:{port}/"), ct);

        // Both servers run, each in a session of its own: the terminal's SIGINT cannot reach them.
        var servers = ChildProcesses.OfDataDirectory(_dataDirectory);
        Assert.Equal(2, servers.Count);
        var appSession = ChildProcesses.SessionOf(AppPid(port));
        Assert.All(servers, pid => Assert.NotEqual(appSession, ChildProcesses.SessionOf(pid)));

        var stopwatch = Stopwatch.StartNew();
        await terminal.PressCtrlCAsync();
        int code;
        try
        {
            code = await terminal.Exited.WaitAsync(StopLimit, ct);
        }
        catch (TimeoutException)
        {
            // What the app was doing when the limit passed: the last lines it wrote after Ctrl+C.
            var lines = terminal.Output.Split('\n');
            Assert.Fail($"still running {StopLimit.TotalSeconds:0} s after Ctrl+C; the terminal's last lines:\n{string.Join('\n', lines[^Math.Min(40, lines.Length)..])}");
            throw;
        }

        stopwatch.Stop();

        Assert.Equal(0, code);
        Assert.True(stopwatch.Elapsed < StopLimit, $"stopped in {stopwatch.Elapsed}");
        Assert.Empty(ChildProcesses.OfDataDirectory(_dataDirectory));
        // Janus was stopped by the app, not lost and started again while the app stopped.
        Assert.DoesNotContain("Media server lost", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("Stopped the private PostgreSQL cluster", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_AppExitsWithin10sAndLeavesNoPostgresOrJanus()
    {
        await using var app = AppProcess.Start(_dataDirectory);
        await app.WaitHealthyAsync(StartTimeout);
        Assert.Equal(2, ChildProcesses.OfDataDirectory(_dataDirectory).Count);

        var stopwatch = Stopwatch.StartNew();
        await app.StopAsync(StopLimit);
        stopwatch.Stop();

        Assert.Equal(0, app.ExitCode);
        Assert.True(stopwatch.Elapsed < StopLimit, $"stopped in {stopwatch.Elapsed}");
        Assert.Empty(ChildProcesses.OfDataDirectory(_dataDirectory));
        Assert.DoesNotContain("Media server lost", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostmasterKilled_AppAnswers503MeanwhileAndIsHealthyWithin15sWithDataKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = AppProcess.Start(_dataDirectory);
        await app.WaitHealthyAsync(StartTimeout);
        var connectionString = $"Host={Path.Combine(_dataDirectory, "postgres")};Port=5432;Username=postgres;Database=reception;Pooling=false";
        await ExecuteAsync(connectionString, "CREATE TABLE public.lifecycle_probe (note text NOT NULL); INSERT INTO public.lifecycle_probe VALUES ('trước sự cố')", ct);

        var postmaster = int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postgres", "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using (var killed = Process.GetProcessById(postmaster))
        {
            killed.Kill();
        }

        var stopwatch = Stopwatch.StartNew();
        var pageSaw503 = false;
        var apiSaw503 = false;
        while (true)
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"not healthy 15 s after the kill:\n{app.Output}");
            using var page = await client.GetAsync(new Uri("/Calendar", UriKind.Relative), ct);
            var pageBody = await page.Content.ReadAsStringAsync(ct);
            Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"page answered {(int)page.StatusCode}: {pageBody}");
            if (page.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                pageSaw503 = true;
                Assert.Contains("Cơ sở dữ liệu đang khởi động lại", pageBody, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", pageBody, StringComparison.Ordinal);
            }

            using var api = await client.GetAsync(new Uri("/api/calendar/reception-days?from=2026-01-01&to=2026-01-31", UriKind.Relative), ct);
            var apiBody = await api.Content.ReadAsStringAsync(ct);
            Assert.True(api.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"API answered {(int)api.StatusCode}: {apiBody}");
            if (api.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                apiSaw503 = true;
                Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
                using var problem = JsonDocument.Parse(apiBody);
                Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
                Assert.DoesNotContain("   at ", apiBody, StringComparison.Ordinal);
            }

            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
            if (health.StatusCode == HttpStatusCode.OK && page.StatusCode == HttpStatusCode.OK && api.StatusCode == HttpStatusCode.OK)
            {
                break;
            }
        }

        Assert.True(pageSaw503, "no page answered 503 while the database was down");
        Assert.True(apiSaw503, "no API call answered 503 while the database was down");
        Assert.NotEqual(postmaster, int.Parse(File.ReadLines(Path.Combine(_dataDirectory, "postgres", "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("trước sự cố", await ScalarAsync(connectionString, "SELECT note FROM public.lifecycle_probe", ct));

        await app.StopAsync(StopLimit);
        Assert.Empty(ChildProcesses.OfDataDirectory(_dataDirectory));
    }

    private static int AppPid(int port) =>
        Process.GetProcessesByName("dotnet").Single(p => File.ReadAllText($"/proc/{p.Id}/cmdline").Contains($"127.0.0.1:{port}", StringComparison.Ordinal)).Id;

    private static async Task WaitHealthyAsync(Uri baseAddress, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, StartTimeout, "/healthz 200", ct);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }

    public void Dispose()
    {
        ChildProcesses.KillLeftovers(_dataDirectory);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
