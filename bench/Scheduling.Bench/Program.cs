using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoVien.OnlineReception.Testing;
using Npgsql;

// Scheduling benchmarks against a real PostgreSQL cluster this program starts (and stops) itself:
//  1. 200 concurrent booking attempts for one slot through the real HTTP API: exactly 1 succeeds, 199 get 409.
//  2. Meeting insert checked by the exclusion constraint vs the same insert into a copy of the table without it.
// Arguments: [attempts=200] [inserts=2000], or --smoke (20 attempts, 200 inserts: same code path, a few seconds; the
// one-booking check still decides the exit status). WebApplicationFactory looks for its manifest beside the working
// directory: run from the output folder.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var inv = CultureInfo.InvariantCulture;
var smoke = args.Contains("--smoke");
var attempts = smoke ? 20 : args.Length > 0 ? int.Parse(args[0], inv) : 200;
var inserts = smoke ? 200 : args.Length > 1 ? int.Parse(args[1], inv) : 2000;
var postgres = new PostgresServer();
await postgres.InitializeAsync();
try
{
    var connectionString = await postgres.CreateDatabaseAsync("bench");
    // The 199 refused inserts are expected: keep EF from logging each one as an error.
    await using var app = ReceptionAppFactory.Create(connectionString, Path.Combine(postgres.RootDirectory, "bench-data"), new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None" });
    using var client = app.CreateClient();

    // The default Thursday rule is published at start; take a day that is still ahead.
    var days = await client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/calendar/reception-days?from={TimeProvider.System.GetUtcNow().AddDays(2):yyyy-MM-dd}&to={TimeProvider.System.GetUtcNow().AddDays(60):yyyy-MM-dd}", UriKind.Relative));
    var dayId = days![0].GetProperty("id").GetGuid();

    var body = new
    {
        receptionDayId = dayId, slotStart = "07:30", fullName = "Nguyễn Văn An", citizenIdNumber = "001090012345", phone = "0912345678",
        address = "Số 1 đường Đào Viên", kind = "complaint", subjectArea = "Đất đai", summary = "Đề nghị xem xét.", privacyAcknowledged = true,
    };
    var watch = Stopwatch.StartNew();
    var responses = await Task.WhenAll(Enumerable.Range(0, attempts).Select(_ => client.PostAsJsonAsync(new Uri("/api/bookings", UriKind.Relative), body)));
    watch.Stop();
    var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
    var conflicts = responses.Count(r => r.StatusCode == HttpStatusCode.Conflict);
    Console.WriteLine($"bookings: {attempts} concurrent attempts for one slot -> {created} created, {conflicts} conflict (409), {attempts - created - conflicts} other; {watch.Elapsed.TotalMilliseconds:F0} ms total");
    if (created != 1 || conflicts != attempts - 1)
    {
        Console.Error.WriteLine("FAILED: expected exactly one booking");
        return 1;
    }

    await using var db = new NpgsqlConnection(connectionString);
    await db.OpenAsync();
    await using (var create = new NpgsqlCommand("create table scheduling.bench_plain_busy (like scheduling.official_busy_periods including defaults)", db))
    {
        await create.ExecuteNonQueryAsync();
    }

    var official = Guid.NewGuid();
    var checkedTimes = await TimeInsertsAsync(db, "scheduling.official_busy_periods", official, inserts);
    var plainTimes = await TimeInsertsAsync(db, "scheduling.bench_plain_busy", official, inserts);
    var checkedMedian = Median(checkedTimes);
    var plainMedian = Median(plainTimes);
    Console.WriteLine($"meeting insert ({inserts} rows each, one official, non-overlapping): exclusion-checked median {checkedMedian * 1000:F1} µs, plain median {plainMedian * 1000:F1} µs, ratio {checkedMedian / plainMedian:F2}");
    return 0;
}
finally
{
    await postgres.DisposeAsync();
}

static async Task<List<double>> TimeInsertsAsync(NpgsqlConnection db, string table, Guid official, int count)
{
    var times = new List<double>(count);
    var origin = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    await using var command = new NpgsqlCommand($"insert into {table} (\"Id\", \"OfficialId\", \"StartsAt\", \"EndsAt\", \"BlockStartsAt\", \"BlockEndsAt\", \"MeetingId\") values ($1, $2, $3, $4, $3, $4, $5)", db);
    for (var i = 0; i < count; i++)
    {
        command.Parameters.Clear();
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        command.Parameters.Add(new NpgsqlParameter { Value = official });
        command.Parameters.Add(new NpgsqlParameter { Value = origin.AddHours(i) });
        command.Parameters.Add(new NpgsqlParameter { Value = origin.AddHours(i).AddMinutes(45) });
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        var watch = Stopwatch.StartNew();
        await command.ExecuteNonQueryAsync();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    return times;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
