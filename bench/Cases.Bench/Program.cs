using System.Diagnostics;
using System.Globalization;
using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Exports;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Scheduling.WorkingDays;

// Figures for the parts of the case module that scale with the number of cases: the daily deadline recompute
// (pure arithmetic over the holiday calendar), sealing identities, and the XLSX/CSV exports of the book.
// Arguments: [cases=100000] [rows=20000], or --smoke (1,000 cases, 200 seals, 500 rows: same code path, a second).
var invariant = CultureInfo.InvariantCulture;
var smoke = args.Contains("--smoke");
var cases = smoke ? 1_000 : args.Length > 0 ? int.Parse(args[0], invariant) : 100_000;
var rows = smoke ? 500 : args.Length > 1 ? int.Parse(args[1], invariant) : 20_000;

var holidays = new List<DateOnly>();
for (var year = 2025; year <= 2028; year++)
{
    holidays.AddRange([new DateOnly(year, 1, 1), new DateOnly(year, 4, 30), new DateOnly(year, 5, 1), new DateOnly(year, 9, 1), new DateOnly(year, 9, 2)]);
}

holidays.AddRange(Enumerable.Range(0, 5).Select(i => new DateOnly(2027, 2, 4).AddDays(i)));
var calendar = new WorkingCalendar(holidays);
var options = new DeadlineOptions();
var kinds = Enum.GetValues<CaseKind>();
var start = new DateOnly(2026, 1, 1);

var sw = Stopwatch.StartNew();
var checksum = 0L;
for (var i = 0; i < cases; i++)
{
    var received = start.AddDays(i % 700);
    var facts = new DeadlineFacts(kinds[i % kinds.Length], (ComplaintInstance)(i % 2), (CaseComplexity)(i % 3), i % 5 == 0, i % 2 == 0, received, received.AddDays(5), i % 3 == 2 ? [30, 30] : []);
    foreach (var spec in DeadlinePlanner.Plan(facts, options))
    {
        var due = DeadlinePlanner.Due(spec, calendar, true);
        checksum += due.DayNumber + DeadlinePlanner.Describe(spec, due).Length;
    }
}

sw.Stop();
Console.WriteLine(string.Create(invariant, $"deadline recompute: {cases:N0} cases in {sw.Elapsed.TotalMilliseconds:F0} ms = {cases / sw.Elapsed.TotalSeconds:N0} cases/s (checksum {checksum})"));

var (_, publicPem) = SealedBox.GenerateKeyPair();
sw.Restart();
var seals = smoke ? 200 : 2_000;
for (var i = 0; i < seals; i++)
{
    _ = SealedBox.Seal("{\"FullName\":\"Nguyễn Văn Tố Giác " + i + "\",\"IdNumber\":\"001234567890\"}", publicPem);
}

sw.Stop();
Console.WriteLine(string.Create(invariant, $"sealing: {seals:N0} identities in {sw.Elapsed.TotalMilliseconds:F0} ms = {seals / sw.Elapsed.TotalSeconds:N0} seals/s"));

IReadOnlyList<string> headers = ["STT", "Ngày tiếp", "Họ tên – địa chỉ", "Số CCCD", "Nội dung", "Phân loại", "Đã giải quyết", "Hướng xử lý", "Theo dõi", "Ghi chú"];
var table = Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)[i.ToString(invariant), "05/01/2026 09:00", "Trần Thị Công Dân " + i + " — Tổ 3, phường Đào Viên", "001234567890", "Khiếu nại quyết định thu hồi đất của hộ gia đình, đề nghị xem xét lại giá bồi thường", "Khiếu nại · Đất đai · 1 người · Tiếp trực tiếp", "", "Tiếp nhận đơn, lập hồ sơ", "Đã lập hồ sơ 2026-00012", ""]).ToList();
sw.Restart();
var xlsx = TableExport.ToXlsx("Sổ tiếp công dân", headers, table);
sw.Stop();
Console.WriteLine(string.Create(invariant, $"reception book XLSX: {rows:N0} rows in {sw.Elapsed.TotalMilliseconds:F0} ms, {xlsx.Length / 1024.0:F0} KiB"));
sw.Restart();
var csv = TableExport.ToCsv(headers, table);
sw.Stop();
// Functional checks, not speed ones: a header plus one line per row, and the XLSX is a zip (PK) with content.
var csvLines = csv.Count(b => b == (byte)'\n');
if (csvLines < rows + 1 || xlsx.Length < 4 || xlsx[0] != (byte)'P' || xlsx[1] != (byte)'K')
{
    Console.Error.WriteLine(string.Create(invariant, $"FAILED: exports wrong (CSV {csvLines} lines for {rows} rows, XLSX {xlsx.Length} bytes)"));
    return 1;
}

Console.WriteLine(string.Create(invariant, $"reception book CSV: {rows:N0} rows in {sw.Elapsed.TotalMilliseconds:F0} ms, {csv.Length / 1024.0:F0} KiB"));
return 0;
