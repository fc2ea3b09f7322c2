using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Abuse limits against the real app on a loopback socket and a real PostgreSQL cluster this program starts itself:
// one client fires N anonymous bookings and N sign-in posts (bounded, sequential, loopback only) and the driver
// prints how many were accepted, refused with 409, answered 429, and how many log bytes the refusals cost.
// Usage: Abuse.Bench [N=300] | Abuse.Bench --smoke (N=30). Exits 1 only if a request crashes the run.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var inv = CultureInfo.InvariantCulture;
var n = args.Contains("--smoke") ? 30 : args.Length > 0 ? int.Parse(args[0], inv) : 300;
var postgres = new PostgresServer();
await postgres.InitializeAsync();
try
{
    var logBytes = new CountingLoggerProvider();
    // The shipped defaults, stated here because the test factory raises them for tests not about abuse.
    await using var app = ReceptionAppFactory.Create(await postgres.CreateDatabaseAsync("abuse"), Path.Combine(postgres.RootDirectory, "abuse-data"), new Dictionary<string, string?>
    {
        ["Scheduling:Bookings:CreatesPerMinute"] = "5",
        ["Scheduling:Bookings:MaxActivePerPerson"] = "2",
        ["SignIn:PostsPerMinute"] = "10",
        ["Logging:LogLevel:Default"] = "Information",
    }).WithServices(s => s.AddSingleton<ILoggerProvider>(logBytes));
    var address = app.StartOnSocket();
    using var client = new HttpClient { BaseAddress = address };

    var from = TimeProvider.System.GetUtcNow().AddDays(2);
    var days = await client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/calendar/reception-days?from={from:yyyy-MM-dd}&to={from.AddDays(60):yyyy-MM-dd}", UriKind.Relative));
    var dayId = days![0].GetProperty("id").GetGuid();
    var slots = Enumerable.Range(0, 12).Select(i => new TimeOnly(7, 30).AddMinutes(20 * i).ToString("HH:mm", inv)).ToArray();

    logBytes.Reset();
    var bookings = new Dictionary<HttpStatusCode, int>();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < n; i++)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/bookings", UriKind.Relative), new
        {
            receptionDayId = dayId, slotStart = slots[i % slots.Length], fullName = "Nguyễn Văn An",
            citizenIdNumber = "001" + (90000000 + i).ToString("D9", inv), phone = "09" + (10000000 + i).ToString("D8", inv),
            address = "Số 1 đường Đào Viên", kind = "complaint", subjectArea = "Đất đai", summary = "Đề nghị xem xét.", privacyAcknowledged = true,
        });
        bookings[response.StatusCode] = bookings.GetValueOrDefault(response.StatusCode) + 1;
    }

    watch.Stop();
    Report("bookings", n, bookings, logBytes, watch.Elapsed);

    logBytes.Reset();
    var signIns = new Dictionary<HttpStatusCode, int>();
    var login = new Uri("Account/Login", UriKind.Relative);
    var html = await client.GetStringAsync(login);
    var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    watch.Restart();
    for (var i = 0; i < n; i++)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin", ["Input.Password"] = "guess-" + i.ToString(inv), ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(login, form);
        signIns[response.StatusCode] = signIns.GetValueOrDefault(response.StatusCode) + 1;
    }

    watch.Stop();
    Report("sign-ins", n, signIns, logBytes, watch.Elapsed);
    return 0;
}
finally
{
    await postgres.DisposeAsync();
}

static void Report(string what, int n, Dictionary<HttpStatusCode, int> counts, CountingLoggerProvider log, TimeSpan elapsed)
{
    var accepted = counts.Where(c => (int)c.Key is 200 or 201).Sum(c => c.Value);
    var tooMany = counts.GetValueOrDefault(HttpStatusCode.TooManyRequests);
    var refused = n - accepted - tooMany;
    var rejections = refused + tooMany;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {n} from one client -> {accepted} answered 200/201, {tooMany} got 429, {refused} other ({string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{(int)c.Key}x{c.Value}"))}); log {log.Bytes} bytes in {log.Lines} lines ({(rejections == 0 ? 0 : log.Bytes / rejections)} bytes per rejection), {log.StackTraces} with a stack trace; {elapsed.TotalMilliseconds:F0} ms"));
}

/// <summary>Counts what the app logs (message and exception text, as a console sink would write it).</summary>
internal sealed class CountingLoggerProvider : ILoggerProvider
{
    private long _bytes;
    private long _lines;
    private long _stackTraces;

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Lines => Interlocked.Read(ref _lines);

    public long StackTraces => Interlocked.Read(ref _stackTraces);

    public void Reset()
    {
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _lines, 0);
        Interlocked.Exchange(ref _stackTraces, 0);
    }

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Counter(CountingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = $"{logLevel}: {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}";
            Interlocked.Add(ref owner._bytes, System.Text.Encoding.UTF8.GetByteCount(text) + 1);
            Interlocked.Increment(ref owner._lines);
            if (exception is not null)
            {
                Interlocked.Increment(ref owner._stackTraces);
            }
        }
    }
}
