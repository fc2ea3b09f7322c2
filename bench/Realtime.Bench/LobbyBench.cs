using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Realtime.Bench;

// Lobby scale: N SignalR clients wait in one lobby (a load driver, not browsers); the chairman admits them one by
// one; for each admission, the time until every still-waiting client has received its new queue position.
// Usage: DaoVien.OnlineReception.Realtime.Bench.dll lobby [clients=1000] [admissions=clients] | lobby --smoke
internal static class LobbyBench
{
    public static async Task RunAsync(string[] args)
    {
        // --smoke: 30 clients, 5 admissions, same code path.
        var smoke = args.Contains("--smoke");
        var clients = smoke ? 30 : args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var admissions = smoke ? 5 : args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : clients;

        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        await using var app = BenchApp.Create(await postgres.CreateDatabaseAsync("bench"), Path.Combine(postgres.RootDirectory, "bench-app"));
        var baseAddress = app.StartOnSocket();

        // Real bookings in the scheduling module's tables: one ad-hoc day starting now, the clients' bookings on it.
        var chairmanId = await app.CreateStaffAsync("chutich", "Chairman-pass-1", "Chủ Tịch", "Chairman");
        var bookings = new ReceptionBookings(app.Services);
        var tokens = await bookings.SeedConfirmedAsync(await bookings.OpenDayAsync(chairmanId, capacity: 24), clients);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LobbyDoor>().SweepAsync(CancellationToken.None);
        }

        var chairman = await Connect(baseAddress, await SignIn(baseAddress, "chutich", "Chairman-pass-1"));

        // Each client records the last position it was told and when.
        var lastPosition = new int[clients];
        var updates = new ConcurrentQueue<(int Client, int Position, long At)>();
        var waiters = new HubConnection[clients];
        Console.WriteLine($"connecting {clients} clients …");
        for (var i = 0; i < clients; i++)
        {
            var index = i;
            var connection = await Connect(baseAddress, null);
            connection.On<LobbyStatus>("LobbyUpdated", s =>
            {
                Volatile.Write(ref lastPosition[index], s.Position);
                updates.Enqueue((index, s.Position, Stopwatch.GetTimestamp()));
            });
            var status = await connection.InvokeAsync<LobbyStatus>("EnterLobby", tokens[i], "device-" + i);
            lastPosition[index] = status.Position;
            waiters[i] = connection;
        }

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var latencies = new List<double>();
        for (var k = 0; k < admissions && k < clients; k++)
        {
            var started = Stopwatch.GetTimestamp();
            var sessionId = await chairman.InvokeAsync<Guid>("Admit", (Guid?)null);
            // Every client still waiting must now know it moved up one place.
            var expected = Enumerable.Range(k + 1, clients - k - 1).ToArray();
            while (expected.Any(c => Volatile.Read(ref lastPosition[c]) != c - k))
            {
                await Task.Delay(1);
            }

            if (expected.Length > 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await chairman.InvokeAsync<JoinInfo>("JoinSession", sessionId);
            await chairman.InvokeAsync("EndSession", SessionOutcome.AnsweredOnTheSpot, (RefusalGround?)null, (string?)null);
        }

        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
        process.Refresh();
        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"lobby: {clients} waiting SignalR clients, {Math.Min(admissions, clients)} admissions one by one ({latencies.Count} with clients still waiting)");
        Console.WriteLine($"queue-position update reaches all waiting clients: p50 {Percentile(0.50):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {latencies[^1]:0.0} ms");
        Console.WriteLine($"process (server + load driver in one process): CPU {cpu * 100:0}% of one core during admissions, working set {process.WorkingSet64 / 1048576} MiB, GC heap {GC.GetTotalMemory(false) / 1048576} MiB");

        foreach (var w in waiters)
        {
            await w.DisposeAsync();
        }

        await chairman.DisposeAsync();
        // The app before its database: stopping PostgreSQL under it made every closing hub connection log a failure.
        await app.DisposeAsync();
        await postgres.DisposeAsync();

    }

    private static async Task<HubConnection> Connect(Uri baseAddress, CookieContainer? cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/reception"), o => { if (cookies is not null) { o.Cookies = cookies; } })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static async Task<CookieContainer> SignIn(Uri baseAddress, string user, string password)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        var page = await http.GetStringAsync(new Uri("Account/Login", UriKind.Relative));
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = password, ["__RequestVerificationToken"] = token });
        using var response = await http.PostAsync(new Uri("Account/Login", UriKind.Relative), form);
        return cookies;
    }

}
