using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>What an operator gets: timestamped or JSON logs, health endpoints that tell strangers little, /metrics.</summary>
public sealed partial class OperationsTests(PostgresServer server) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.7");
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "daovien-ops-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task Logs_DefaultFormat_EachLineStartsWithUtcIsoTimestamp()
    {
        await using var app = AppProcess.Start(_dataDirectory, environment: new Dictionary<string, string> { ["ConnectionStrings__Reception"] = await server.CreateDatabaseAsync() });
        await app.WaitHealthyAsync(StartTimeout);
        await app.StopAsync(TimeSpan.FromSeconds(10));

        var logLines = app.Output.Split('\n').Where(l => LogLevelMark().IsMatch(l)).ToList();
        Assert.NotEmpty(logLines);
        Assert.All(logLines, l => Assert.Matches(TimestampedLine(), l));
        Assert.Contains(logLines, l => l.Contains("Application started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_JsonFormatSetting_EachLogLineIsJsonWithUtcTimestamp()
    {
        await using var app = AppProcess.Start(
            _dataDirectory,
            environment: new Dictionary<string, string> { ["ConnectionStrings__Reception"] = await server.CreateDatabaseAsync() },
            extraArgs: ["--Logging:Console:FormatterName=json"]);
        await app.WaitHealthyAsync(StartTimeout);
        await app.StopAsync(TimeSpan.FromSeconds(10));

        var jsonLines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')).ToList();
        Assert.Contains(jsonLines, l => l.Contains("Application started", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Output.Split('\n'), l => LogLevelMark().IsMatch(l));
        Assert.All(jsonLines, l =>
        {
            using var entry = JsonDocument.Parse(l);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", entry.RootElement.GetProperty("Timestamp").GetString());
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("Category").GetString()));
        });
    }

    [Fact]
    public async Task Health_Stranger_SeesOnlyOverallStatus_StaffSeesEachPart_MetricsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        // In memory (TestServer), so each request can come from an address of the test's choosing.
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewAppDirectory());
        await app.CreateStaffAsync("canbo.giamsat", "Staff-pass-123", "Cán bộ giám sát", TestRoles.Staff);

        foreach (var path in new[] { "/healthz", "/healthz/ready", "/healthz/live" })
        {
            var stranger = await app.Server.SendAsync(c => Get(c, path, Stranger), ct);
            Assert.Equal(StatusCodes.Status200OK, stranger.Response.StatusCode);
            using var strangerBody = JsonDocument.Parse(await ReadAsync(stranger, ct));
            Assert.Equal("Healthy", strangerBody.RootElement.GetProperty("status").GetString());
            Assert.Single(strangerBody.RootElement.EnumerateObject());
        }

        var metrics = await app.Server.SendAsync(c => Get(c, "/metrics", Stranger), ct);
        Assert.Equal(StatusCodes.Status403Forbidden, metrics.Response.StatusCode);
        Assert.DoesNotContain("daovien_", await ReadAsync(metrics, ct), StringComparison.Ordinal);

        var cookies = new System.Net.CookieContainer();
        using var staff = app.CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(cookies));
        await staff.SignInAsync("canbo.giamsat", "Staff-pass-123", ct);
        var cookieHeader = cookies.GetCookieHeader(new Uri("http://localhost/"));
        var signedIn = await app.Server.SendAsync(c =>
        {
            Get(c, "/healthz", Stranger);
            c.Request.Headers.Cookie = cookieHeader;
        }, ct);
        using var staffBody = JsonDocument.Parse(await ReadAsync(signedIn, ct));
        Assert.Contains("sealing key", staffBody.RootElement.GetProperty("checks").GetProperty("cases").GetProperty("description").GetString(), StringComparison.Ordinal);
        var staffMetrics = await app.Server.SendAsync(c =>
        {
            Get(c, "/metrics", Stranger);
            c.Request.Headers.Cookie = cookieHeader;
        }, ct);
        Assert.Equal(StatusCodes.Status200OK, staffMetrics.Response.StatusCode);
    }

    [Fact]
    public async Task Health_Loopback_SeesEachPart_LiveChecksNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewAppDirectory());
        using var loopback = new HttpClient { BaseAddress = app.StartOnSocket() };

        // The cases check describes the sealing key's fingerprint: only operators see it.
        using var ready = JsonDocument.Parse(await loopback.GetStringAsync(new Uri("/healthz/ready", UriKind.Relative), ct));
        var checks = ready.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("media").GetProperty("status").GetString());
        Assert.Contains("sealing key", checks.GetProperty("cases").GetProperty("description").GetString(), StringComparison.Ordinal);

        using var live = JsonDocument.Parse(await loopback.GetStringAsync(new Uri("/healthz/live", UriKind.Relative), ct));
        Assert.Empty(live.RootElement.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Sealing_PrivateKeyInDataFolderOutsideDevelopment_WarnsAtStartAndNotReady_UntilMovedAway()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new CapturedLogs();
        await using var app = ReceptionAppFactory.Create(
                await server.CreateDatabaseAsync(),
                NewAppDirectory(),
                new Dictionary<string, string?> { ["Sealing:AcceptPrivateKeyInDataFolder"] = "false" })
            .WithServices(logs.AddTo);
        using var loopback = new HttpClient { BaseAddress = app.StartOnSocket() };
        var privateKey = Path.Combine(app.DataDirectory, "sealing-private-key.OFFLINE.pem");
        Assert.True(File.Exists(privateKey));

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(privateKey, StringComparison.Ordinal));
        using (var notReady = await loopback.GetAsync(new Uri("/healthz/ready", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            using var body = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync(ct));
            Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("sealing").GetProperty("status").GetString());
        }

        // The operator takes the key to the offline machine: ready again, without a restart.
        File.Move(privateKey, Path.Combine(server.RootDirectory, "offline-" + Guid.NewGuid().ToString("N")[..8] + ".pem"));
        using var ready = await loopback.GetAsync(new Uri("/healthz/ready", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Metrics_Loopback_ListsAppMetricsWithValues()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewAppDirectory());
        var baseAddress = app.StartOnSocket();
        using var client = new HttpClient { BaseAddress = baseAddress };
        // Some traffic for the HTTP metrics.
        (await client.GetAsync(new Uri("/Calendar", UriKind.Relative), ct)).Dispose();

        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "hubs/reception")).Build();
        await hub.StartAsync(ct);
        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);

        Assert.Equal(1, Value(text, "daovien_hub_connections"));
        Assert.Equal(0, Value(text, "daovien_lobby_waiting"));
        Assert.Equal(0, Value(text, "daovien_sessions_live"));
        Assert.Equal(0, Value(text, "daovien_archive_queue_depth"));
        Assert.Equal(0, Value(text, "daovien_media_server_restarts_total"));
        Assert.Equal(1, Value(text, "daovien_database_up"));
        Assert.Matches(@"(?m)^http_requests_received_total\{[^}]*code=""2xx""[^}]*\} [1-9]", text);
        Assert.Contains("http_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total", text, StringComparison.Ordinal);

        await hub.StopAsync(ct);
        await Eventually.TrueAsync(async () => Value(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct), "daovien_hub_connections") == 0, TimeSpan.FromSeconds(10), "hub gauge back to 0", ct);
    }

    private static double Value(string exposition, string name)
    {
        var match = Regex.Match(exposition, $@"(?m)^{Regex.Escape(name)} (\S+)$");
        Assert.True(match.Success, $"{name} not in /metrics:\n{exposition}");
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Get(HttpContext context, string path, IPAddress from)
    {
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = from;
    }

    private static async Task<string> ReadAsync(HttpContext context, CancellationToken ct)
    {
        using var reader = new StreamReader(context.Response.Body);
        return await reader.ReadToEndAsync(ct);
    }

    private string NewAppDirectory() => Path.Combine(server.RootDirectory, "ops-" + Guid.NewGuid().ToString("N")[..8]);

    // A console log line of the simple formatter: "<timestamp> info: Category[id] message".
    [GeneratedRegex(@"\b(trce|dbug|info|warn|fail|crit): \S+\[\d+\]")]
    private static partial Regex LogLevelMark();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z (trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex TimestampedLine();

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
