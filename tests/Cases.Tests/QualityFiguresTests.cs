using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DaoVien.OnlineReception.Cases.Exports;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.Reports;
using DaoVien.OnlineReception.Cases.SecondInstance;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The rules of a second-instance result (docs/adr/0086) as a table, for a complaint the ward decided on 5/2/2026.</summary>
public sealed class SecondInstanceRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    public static TheoryData<string, string?, string?, string?, string?, string?, string?> Rows => new()
    {
        // case ("kind/instance/status/decided"), authority, number, date, outcome, note, expected error
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh Bắc Ninh", "120/QĐ-UBND", "2026-03-10", "Amended", null, null },
        { "Complaint/First/Closed/yes", "Chủ tịch UBND tỉnh Bắc Ninh", "120/QĐ-UBND", "2026-02-05", "Upheld", "Giữ nguyên toàn bộ", null },
        { "Complaint/First/Resolved/yes", "  Chủ tịch UBND tỉnh  ", " 120/QĐ-UBND ", "2026-03-01", "Annulled", "  ", null },
        // Only a complaint decided by the ward at first instance has a second instance here.
        { "Denunciation/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceNotEligible },
        { "Petition/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceNotEligible },
        { "Complaint/Second/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceNotEligible },
        { "Complaint/First/UnderResolution/no", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceNotEligible },
        { "Complaint/First/Closed/no", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceNotEligible },
        { "Complaint/First/Transferred/no", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceNotEligible },
        // The decision's own facts.
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", null, null, CaseErrors.SecondInstanceOutcome },
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "7", null, CaseErrors.SecondInstanceOutcome },
        { "Complaint/First/Resolved/yes", " ", "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceAuthorityRequired },
        { "Complaint/First/Resolved/yes", null, "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceAuthorityRequired },
        { "Complaint/First/Resolved/yes", new string('a', 301), "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceAuthorityRequired },
        { "Complaint/First/Resolved/yes", "Chủ tịch\u202E UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceBadText },
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120\u200B/QĐ", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceBadText },
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", "ghi\0chú", CaseErrors.SecondInstanceBadText },
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "", "2026-03-01", "Amended", null, CaseErrors.SecondInstanceNumberRequired },
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", new string('1', 61), "2026-03-01", "Amended", null, CaseErrors.SecondInstanceNumberRequired },
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-01", "Amended", new string('x', 1001), CaseErrors.SecondInstanceNoteTooLong },
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", null, "Amended", null, CaseErrors.SecondInstanceDateRequired },
        // Not in the future, not before the ward's own decision (5/2).
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-03-11", "Amended", null, CaseErrors.SecondInstanceDateInFuture },
        { "Complaint/First/Resolved/yes", "Chủ tịch UBND tỉnh", "120/QĐ-UBND", "2026-02-04", "Amended", null, CaseErrors.SecondInstanceDateBeforeDecision },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Validate_CaseAndInput_RefusedWithItsErrorOrCleaned(string state, string? authority, string? number, string? date, string? outcome, string? note, string? error)
    {
        var p = state.Split('/');
        var decided = p[3] == "yes";
        var file = new CaseFile
        {
            Id = Guid.NewGuid(), Number = "2026-00001", SubjectArea = "Đất đai", Summary = "Khiếu nại quyết định thu hồi đất",
            Kind = Enum.Parse<CaseKind>(p[0]), Instance = Enum.Parse<ComplaintInstance>(p[1]), Status = Enum.Parse<CaseStatus>(p[2]),
            DecisionNumber = decided ? "15/QĐ-UBND" : null, DecisionDate = decided ? new DateOnly(2026, 2, 5) : null,
        };
        var parsed = outcome is null ? (SecondInstanceOutcome?)null : Enum.Parse<SecondInstanceOutcome>(outcome);

        var result = SecondInstanceRules.Validate(new SecondInstanceInput(authority, number, D(date), parsed, note), file, Today, out var clean);

        Assert.Equal(error, result);
        if (error is null)
        {
            Assert.Equal(authority!.Trim(), clean.Authority);
            Assert.Equal(number!.Trim(), clean.DecisionNumber);
            Assert.Equal(string.IsNullOrWhiteSpace(note) ? null : note.Trim(), clean.Note);
        }
    }

    internal static DateOnly? D(string? s) => s is null ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The second-instance API and form: bad input changes nothing, authorization as for every case edit, a history line.</summary>
public sealed class SecondInstanceApiTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CasesApp app = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static object Body(string? authority = "Chủ tịch UBND tỉnh Bắc Ninh", string? number = "120/QĐ-UBND", string? date = "2026-01-09", string? outcome = "Amended", string? note = null) =>
        new { authority, decisionNumber = number, decisionDate = date, outcome, note };

    [Fact]
    public async Task PutSecondInstance_BadInput_VietnameseProblemAndNothingChanged()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.lanhai", TestRoles.Staff);
        var decided = await app.CreateAsync(CaseKind.Complaint, staffId);
        await app.AdvanceAsync(decided.Id, CaseStatus.Resolved, decisionDate: new DateOnly(2026, 1, 5));
        var open = await app.CreateAsync(CaseKind.Complaint, staffId);
        var bad = new (Guid Case, object Body, string Error)[]
        {
            (open.Id, Body(), CaseErrors.SecondInstanceNotEligible),
            (decided.Id, Body(outcome: "Reversed"), CaseErrors.SecondInstanceOutcome),
            (decided.Id, Body(outcome: "1"), CaseErrors.SecondInstanceOutcome),
            (decided.Id, Body(outcome: null), CaseErrors.SecondInstanceOutcome),
            (decided.Id, Body(authority: "  "), CaseErrors.SecondInstanceAuthorityRequired),
            (decided.Id, Body(number: null), CaseErrors.SecondInstanceNumberRequired),
            (decided.Id, Body(authority: "UBND\u202E tỉnh"), CaseErrors.SecondInstanceBadText),
            (decided.Id, Body(date: null), CaseErrors.SecondInstanceDateRequired),
            (decided.Id, Body(date: "2026-01-06"), CaseErrors.SecondInstanceDateInFuture),
            (decided.Id, Body(date: "2026-01-04"), CaseErrors.SecondInstanceDateBeforeDecision),
        };
        var logged = app.Logs.Entries.Count;
        foreach (var (id, body, error) in bad)
        {
            using var response = await staff.PutAsJsonAsync(Url(id), body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(error, problem.GetProperty("error").GetString());
        }

        using (var before = await staff.PutAsJsonAsync(Url(decided.Id), Body(date: "2026-01-04"), Ct))
        {
            var detail = (await before.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
            Assert.Equal("Ngày quyết định giải quyết lần hai không được trước ngày quyết định giải quyết lần đầu của phường.", detail);
        }

        using var get = await staff.GetAsync(Url(decided.Id), Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(CaseErrors.SecondInstanceNone, (await get.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().SecondInstanceResults.CountAsync(Ct)));
        Assert.DoesNotContain((await app.LoadAsync(decided.Id)).History, h => h.Action.StartsWith("SecondInstance", StringComparison.Ordinal));
        // Expected refusals: one line each, without a stack trace (the outcome names are refused before the service).
        var lines = app.Logs.Entries.Skip(logged).Where(e => e.Category.EndsWith(nameof(SecondInstanceService), StringComparison.Ordinal)).ToList();
        Assert.Equal(9, lines.Count);
        Assert.All(lines, e => Assert.Null(e.Exception));
        Assert.All(lines, e => Assert.Equal(LogLevel.Information, e.Level));
    }

    [Fact]
    public async Task SecondInstanceEndpoints_RecordThenCorrect_OneRowAndAHistoryLineEach_OthersGetNotFound()
    {
        var (ownerId, owner) = await app.SignedInAsync("canbo.chu2", TestRoles.Staff);
        var (_, other) = await app.SignedInAsync("canbo.khac2", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Complaint, ownerId);
        await app.AdvanceAsync(file.Id, CaseStatus.Resolved, decisionDate: new DateOnly(2026, 1, 5));

        using (var put = await owner.PutAsJsonAsync(Url(file.Id), Body(date: "2026-01-05", note: "Sửa khoản 2 Điều 1"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var json = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(("Amended", "2026-01-05", "15/QĐ-UBND"), (json.GetProperty("outcome").GetString(), json.GetProperty("decisionDate").GetString(), json.GetProperty("firstInstanceDecisionNumber").GetString()));
        }

        foreach (var id in new[] { file.Id, Guid.NewGuid() })
        {
            using var put = await other.PutAsJsonAsync(Url(id), Body(outcome: "Upheld", date: "2026-01-05"), Ct);
            using var get = await other.GetAsync(Url(id), Ct);
            foreach (var response in new[] { put, get })
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                Assert.Equal((CaseErrors.NotFound, "Không tìm thấy"), (problem.GetProperty("error").GetString(), problem.GetProperty("title").GetString()));
            }
        }

        using (var correct = await owner.PutAsJsonAsync(Url(file.Id), Body(outcome: "annulled", number: "121/QĐ-UBND", date: "2026-01-05"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, correct.StatusCode);
        }

        var stored = await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().SecondInstanceResults.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((SecondInstanceOutcome.Annulled, "121/QĐ-UBND", (string?)null, ownerId), (stored.Outcome, stored.DecisionNumber, stored.Note, stored.RecordedBy));
        var history = (await app.LoadAsync(file.Id)).History.Where(h => h.Action.StartsWith("SecondInstance", StringComparison.Ordinal)).ToList();
        Assert.Equal(["SecondInstance", "SecondInstanceCorrected"], history.Select(h => h.Action));
        Assert.Equal("Kết quả giải quyết lần hai: Chủ tịch UBND tỉnh Bắc Ninh, quyết định số 120/QĐ-UBND ngày 05/01/2026 — sửa đổi quyết định giải quyết lần đầu số 15/QĐ-UBND", history[0].Details);
        Assert.Contains("hủy bỏ", history[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_SecondInstanceForm_RecordedAndBadInputRefusedInVietnamese()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.trang3", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Complaint, staffId);
        var details = new Uri("/Cases/Details?id=" + file.Id, UriKind.Relative);
        // Before the ward's decision there is nothing to record.
        Assert.DoesNotContain("data-testid=\"second-instance-form\"", await staff.GetStringAsync(details, Ct), StringComparison.Ordinal);
        await app.AdvanceAsync(file.Id, CaseStatus.Resolved, decisionDate: new DateOnly(2026, 1, 5));
        Assert.Contains("data-testid=\"second-instance-form\"", await staff.GetStringAsync(details, Ct), StringComparison.Ordinal);

        async Task<HttpResponseMessage> PostAsync(string outcome, string date) =>
            await staff.PostAsync(new Uri($"/Cases/Details?id={file.Id}&handler=SecondInstance", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await staff.AntiforgeryTokenAsync(details, Ct),
                ["Second.Authority"] = "Chủ tịch UBND tỉnh Bắc Ninh",
                ["Second.DecisionNumber"] = "120/QĐ-UBND",
                ["Second.DecisionDate"] = date,
                ["Second.Outcome"] = outcome,
            }), Ct);

        using (var refused = await PostAsync("Upheld", "2026-01-06"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        Assert.Contains("Ngày quyết định giải quyết lần hai không được sau ngày hôm nay.", WebUtility.HtmlDecode(await staff.GetStringAsync(details, Ct)), StringComparison.Ordinal);
        using (var noOutcome = await PostAsync("", "2026-01-05"))
        {
            Assert.Equal(HttpStatusCode.Redirect, noOutcome.StatusCode);
        }

        Assert.Contains("Vui lòng chọn kết quả: giữ nguyên, sửa đổi hoặc hủy bỏ quyết định giải quyết lần đầu.", WebUtility.HtmlDecode(await staff.GetStringAsync(details, Ct)), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().SecondInstanceResults.CountAsync(Ct)));

        using (var saved = await PostAsync("Upheld", "2026-01-05"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = WebUtility.HtmlDecode(await staff.GetStringAsync(details, Ct));
        Assert.Contains("data-outcome=\"Upheld\">Giữ nguyên<", page, StringComparison.Ordinal);
        Assert.Contains("Kết quả giải quyết lần hai: Chủ tịch UBND tỉnh Bắc Ninh", page, StringComparison.Ordinal);
    }

    private static Uri Url(Guid id) => new($"/api/cases/{id}/second-instance", UriKind.Relative);
}

/// <summary>
/// The plan's quality figures in the quarterly report against a seeded first quarter of 2026: second-instance
/// outcomes, letters sent over the ward's head, on-time handling per unit and per official; and the CSV carrying them.
/// </summary>
public sealed class QualityFiguresTests(PostgresServer server) : IAsyncLifetime
{
    private const string Office = "Văn phòng HĐND-UBND";
    private const string Economy = "Phòng Kinh tế, Hạ tầng và Đô thị";
    private const string Denouncer = "Bùi Thị Tố Cáo Vượt Cấp";

    private readonly CasesApp app = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var a = await app.Factory.CreateStaffAsync("canbo.vanphong", "Test-pass-2026", "Nguyễn Văn An", TestRoles.Staff);
        var b = await app.Factory.CreateStaffAsync("canbo.kinhte", "Test-pass-2026", "Trần Thị Bình", TestRoles.Staff);
        var c = await app.Factory.CreateStaffAsync("canbo.chuadonvi", "Test-pass-2026", "Lê Văn Cường", TestRoles.Staff);
        await app.Factory.SetStaffUnitAsync(a, Office);
        await app.Factory.SetStaffUnitAsync(b, Economy);

        // Monday 5/1/2026. An: two complaints accepted and decided on time, both taken to the second instance (one
        // amended, one upheld). Bình: a complaint accepted late (26/1) then decided in time (late overall), and a
        // denunciation left alone (still open). Cường: a petition guided elsewhere in time.
        var a1 = await app.CreateAsync(CaseKind.Complaint, a);
        var a2 = await app.CreateAsync(CaseKind.Complaint, a);
        var b1 = await app.CreateAsync(CaseKind.Complaint, b);
        await app.CreateAsync(CaseKind.Denunciation, b, persons: TestData.Person(Denouncer, "001000000077"));
        var c1 = await app.CreateAsync(CaseKind.Petition, c);

        // Letters from above (all unassigned): over the head unless the ward had it first, sent it on, or guided it.
        var earlierOwn = await app.CreateAsync(CaseKind.Petition, receivedOn: new DateOnly(2026, 1, 2), persons: TestData.Person("Đỗ Văn Đã Gửi", "001000000102"));
        await ForwardedAsync(CaseKind.Complaint, ForwardSource.HigherAgency, "Đỗ Văn Vượt Cấp", "001000000101");
        await ForwardedAsync(CaseKind.Complaint, ForwardSource.HigherAgency, "Đỗ Văn Đã Gửi", "001000000102");
        await ForwardedAsync(CaseKind.Denunciation, ForwardSource.HigherAgency, Denouncer, "001000000078");
        await ForwardedAsync(CaseKind.Feedback, ForwardSource.Press, "Phạm Thị Báo Chí", "001000000103");
        var sentOn = await ForwardedAsync(CaseKind.Petition, ForwardSource.HigherAgency, "Vũ Văn Chuyển Đi", "001000000104");

        app.SetToday(new DateOnly(2026, 1, 12));
        await app.AdvanceAsync(a1.Id, CaseStatus.Accepted);
        await app.AdvanceAsync(a2.Id, CaseStatus.Accepted);
        Assert.True((await app.MoveAsync(c1.Id, new Transition(CaseStatus.Classified))).Succeeded);
        Assert.True((await app.MoveAsync(c1.Id, new Transition(CaseStatus.Guided, Agency: "Chi cục Thuế khu vực"))).Succeeded);
        Assert.True((await app.MoveAsync(sentOn, new Transition(CaseStatus.Classified))).Succeeded);
        Assert.True((await app.MoveAsync(sentOn, new Transition(CaseStatus.Transferred, Agency: "Sở Tài nguyên và Môi trường"))).Succeeded);
        Assert.NotEqual(Guid.Empty, earlierOwn.Id);

        app.SetToday(new DateOnly(2026, 1, 26));
        await app.AdvanceAsync(b1.Id, CaseStatus.Accepted);

        app.SetToday(new DateOnly(2026, 2, 5));
        await ResolveAsync(a1.Id);
        await ResolveAsync(a2.Id);
        app.SetToday(new DateOnly(2026, 2, 20));
        await ResolveAsync(b1.Id);

        app.SetToday(new DateOnly(2026, 3, 20));
        await SecondInstanceAsync(a1.Id, SecondInstanceOutcome.Amended);
        await SecondInstanceAsync(a2.Id, SecondInstanceOutcome.Upheld);
        app.SetToday(new DateOnly(2026, 4, 2));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task QuarterlyReport_SeededQuarter_SecondInstanceOverTheHeadAndOnTimePerUnitAndOfficial()
    {
        var report = await app.WithAsync(sp => sp.GetRequiredService<QuarterlyReportBuilder>().BuildAsync(2026, 1, Ct));
        var q = report.Quality;

        Assert.Equal(new DateOnly(2026, 3, 31), report.AsOf);
        Assert.Equal((1, 1, 0, 2, 50.0m), (q.SecondInstance.Upheld, q.SecondInstance.Amended, q.SecondInstance.Annulled, q.SecondInstance.Total, q.SecondInstance.AmendedOrAnnulledRate));
        // Four letters from higher agencies (the press's is not one); two over the head: the complaint of a citizen
        // the ward had not seen, and the denunciation (it keeps no citizen hash to match).
        Assert.Equal((4, 2), (q.OverTheHead.FromHigherAgencies, q.OverTheHead.OverTheHead));
        Assert.Equal([new CountRow("Đất đai", 2)], q.OverTheHead.BySubjectArea);

        Assert.Equal(new OnTimeRow("Nguyễn Văn An", Office, 2, 2, 0, 0, 1), Assert.Single(q.ByOfficial, r => r.Name == "Nguyễn Văn An"));
        Assert.Equal(new OnTimeRow("Trần Thị Bình", Economy, 2, 0, 1, 1, 0), Assert.Single(q.ByOfficial, r => r.Name == "Trần Thị Bình"));
        Assert.Equal(new OnTimeRow("Lê Văn Cường", null, 1, 1, 0, 0, 0), Assert.Single(q.ByOfficial, r => r.Name == "Lê Văn Cường"));
        Assert.Equal(100.0m, q.ByOfficial.Single(r => r.Name == "Nguyễn Văn An").OnTimeRate);
        Assert.Equal(0.0m, q.ByOfficial.Single(r => r.Name == "Trần Thị Bình").OnTimeRate);
        // Unassigned letters have a row of their own, listed last; nobody's name is made up for them.
        Assert.Null(q.ByOfficial[^1].Name);
        Assert.Equal(new OnTimeRow(Economy, Economy, 2, 0, 1, 1, 0), q.ByUnit.Single(r => r.Unit == Economy));
        Assert.Equal(new OnTimeRow(Office, Office, 2, 2, 0, 0, 1), q.ByUnit.Single(r => r.Unit == Office));
        // Cường (no unit) and the unassigned letters make the last row, "no unit".
        Assert.Null(q.ByUnit[^1].Unit);
        Assert.Equal(q.ByOfficial.Where(r => r.Unit is null).Sum(r => r.Cases), q.ByUnit[^1].Cases);
    }

    [Fact]
    public async Task ReportCsvAndPage_QualityFigures_CarriedAndNoDenouncerShown()
    {
        var (_, inspector) = await app.SignedInAsync("thanhtra.chatluong", TestRoles.Inspector);
        const string query = "year=2026&quarter=1";

        using var response = await inspector.GetAsync(new Uri("/Cases/Report?handler=Csv&" + query, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(Cells).ToList();

        Assert.Equal(["Nội dung", "Mục", "Số lượng"], rows[0]);
        Assert.Contains(new[] { "Quyết định giải quyết lần đầu của phường được giải quyết lần hai trong quý", "", "2" }, rows);
        Assert.Contains(new[] { "Kết quả giải quyết lần hai", "Sửa đổi", "1" }, rows);
        Assert.Contains(new[] { "Kết quả giải quyết lần hai", "Giữ nguyên", "1" }, rows);
        Assert.Contains(new[] { "Kết quả giải quyết lần hai", "Hủy bỏ", "0" }, rows);
        Assert.Contains(new[] { "Quyết định giải quyết lần đầu bị sửa đổi, hủy bỏ", "1/2", "50.0%" }, rows);
        Assert.Contains(new[] { "Đơn do cơ quan cấp trên chuyển đến trong quý", "", "4" }, rows);
        Assert.Contains(new[] { "Đơn vượt cấp (thuộc thẩm quyền phường, công dân chưa gửi phường)", "", "2" }, rows);
        Assert.Contains(new[] { "Đơn vượt cấp theo lĩnh vực", "Đất đai", "2" }, rows);
        Assert.Contains(new[] { "Giải quyết đúng hạn theo đơn vị", $"{Office}: 2/2 vụ việc đúng hạn, 0 trễ hạn, 0 chưa xong; 1 quyết định lần đầu bị sửa đổi, hủy bỏ", "100.0%" }, rows);
        Assert.Contains(new[] { "Giải quyết đúng hạn theo đơn vị", $"{Economy}: 0/2 vụ việc đúng hạn, 1 trễ hạn, 1 chưa xong; 0 quyết định lần đầu bị sửa đổi, hủy bỏ", "0.0%" }, rows);
        Assert.Contains(new[] { "Giải quyết đúng hạn theo cán bộ", $"Trần Thị Bình ({Economy}): 0/2 vụ việc đúng hạn, 1 trễ hạn, 1 chưa xong; 0 quyết định lần đầu bị sửa đổi, hủy bỏ", "0.0%" }, rows);
        Assert.Contains(new[] { "Giải quyết đúng hạn theo cán bộ", "Lê Văn Cường: 1/1 vụ việc đúng hạn, 0 trễ hạn, 0 chưa xong; 0 quyết định lần đầu bị sửa đổi, hủy bỏ", "100.0%" }, rows);
        Assert.Contains(rows, r => r[0] == "Giải quyết đúng hạn theo cán bộ" && r[1].StartsWith("Chưa giao cán bộ: ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "Giải quyết đúng hạn theo đơn vị" && r[1].StartsWith("Chưa xác định đơn vị: ", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal(3, r.Length));

        // The XLSX carries the same rows; the page shows the ratings as tables of their own.
        using var xlsx = await inspector.GetAsync(new Uri("/Cases/Report?handler=Xlsx&" + query, UriKind.Relative), Ct);
        var sheet = TableExport.ReadXlsx(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(rows, sheet.Select(r => r.ToArray()).ToList());
        var page = WebUtility.HtmlDecode(await inspector.GetStringAsync(new Uri("/Cases/Report?" + query, UriKind.Relative), Ct));
        Assert.Contains("data-testid=\"quality-units\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"quality-officials\"", page, StringComparison.Ordinal);
        Assert.Contains($"Trần Thị Bình ({Economy})", page, StringComparison.Ordinal);
        // The page writes rates the Vietnamese way (the exports above keep "50.0%" for the province's spreadsheet).
        Assert.Matches(@"<td>1/2</td>\s*<td>50,0\u00A0%</td>", page);
        Assert.Matches(@"data-label=""Tỷ lệ đúng hạn"">100,0\u00A0%</td>", page);
        foreach (var text in new[] { csv, page })
        {
            Assert.DoesNotContain(Denouncer, text, StringComparison.Ordinal);
            Assert.DoesNotContain("001000000077", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Đỗ Văn", text, StringComparison.Ordinal);
        }
    }

    private async Task<Guid> ForwardedAsync(CaseKind kind, ForwardSource source, string name, string id)
    {
        await using var scope = app.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<CaseRegistry>();
        var today = scope.ServiceProvider.GetRequiredService<WardClock>().Today;
        var (result, file) = await registry.CreateAsync(
            new NewCase(kind, CaseChannel.Post, "Đất đai", "Đơn do cấp trên chuyển đến", today, [TestData.Person(name, id)], false, null,
                Forwarded: new ForwardedLetterInput(source, source == ForwardSource.Press ? "Báo Bắc Ninh" : "Ban Tiếp công dân tỉnh", "45/BTCD", new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 30))),
            CaseActor.System, Ct);
        Assert.True(result.Succeeded, result.Error);
        return file!.Id;
    }

    private async Task ResolveAsync(Guid caseId)
    {
        Assert.True((await app.MoveAsync(caseId, new Transition(CaseStatus.UnderResolution))).Succeeded);
        var resolved = await app.MoveAsync(caseId, new Transition(CaseStatus.Resolved, DecisionNumber: "15/QĐ-UBND", Date: app.Today));
        Assert.True(resolved.Succeeded, resolved.Error);
    }

    private async Task SecondInstanceAsync(Guid caseId, SecondInstanceOutcome outcome)
    {
        await using var scope = app.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<SecondInstanceService>().RecordAsync(
            caseId, new SecondInstanceInput("Chủ tịch UBND tỉnh Bắc Ninh", "120/QĐ-UBND", app.Today, outcome, null), CaseActor.System, Ct);
        Assert.True(result.Succeeded, result.Error);
    }

    // Every cell is quoted by the export (TableExport), and none of these holds a quote or a comma inside.
    private static string[] Cells(string line) => line[1..^1].Split("\",\"");
}

/// <summary>The unit of a staff account (đơn vị công tác), set by the administrator and read by the modules.</summary>
public sealed class StaffUnitPageTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CasesApp app = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EditPage_Unit_HiddenCharactersRefusedThenSavedAndSeenByTheDirectory()
    {
        var (_, admin) = await app.SignedInAsync("quantri.donvi", TestRoles.Admin);
        var staffId = await app.Factory.CreateStaffAsync("canbo.donvi", "Test-pass-2026", "Phan Văn Đơn Vị", TestRoles.Staff);
        var edit = new Uri("/Admin/Staff/Edit?id=" + staffId, UriKind.Relative);

        async Task<HttpResponseMessage> PostAsync(string unit) => await admin.PostAsync(edit, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await admin.AntiforgeryTokenAsync(edit, Ct),
            ["Id"] = staffId.ToString(),
            ["Roles"] = TestRoles.Staff,
            ["Unit"] = unit,
        }), Ct);

        using (var refused = await PostAsync("Phòng Kinh tế\u202E"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Đơn vị công tác dài tối đa 200 ký tự và không được chứa ký tự điều khiển hoặc ký tự ẩn.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }

        Assert.Null((await Directory(staffId))!.Unit);
        using (var saved = await PostAsync("  Phòng Văn hóa - Xã hội  "))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var member = (await Directory(staffId))!;
        Assert.Equal("Phòng Văn hóa - Xã hội", member.Unit);
        Assert.Equal([TestRoles.Staff], member.Roles);
        Assert.Contains("Phòng Văn hóa - Xã hội", WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/Admin/Staff", UriKind.Relative), Ct)), StringComparison.Ordinal);
        // The next account's form offers the units already in use.
        var other = await app.Factory.CreateStaffAsync("canbo.donvi2", "Test-pass-2026", "Phan Thị Khác", TestRoles.Staff);
        Assert.Contains("<option value=\"Phòng Văn hóa - Xã hội\">", WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/Admin/Staff/Edit?id=" + other, UriKind.Relative), Ct)), StringComparison.Ordinal);
        using (var cleared = await PostAsync(" "))
        {
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        }

        Assert.Null((await Directory(staffId))!.Unit);
    }

    private Task<Kernel.Staff.StaffMember?> Directory(Guid id) => app.WithAsync(sp => sp.GetRequiredService<Kernel.Staff.IStaffDirectory>().FindAsync(id, Ct));
}

/// <summary>The live quarter: a deadline due today and not met yet is still running, and rates nobody until it passes.</summary>
public sealed class LiveQuarterRatingTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CasesApp app = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task QuarterlyReport_DeadlineDueToday_NotRatedUntilTheDayAfter()
    {
        var staffId = await app.Factory.CreateStaffAsync("canbo.homnay", "Test-pass-2026", "Hồ Văn Hôm Nay", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Complaint, staffId);
        var due = (await app.LoadAsync(file.Id)).Deadlines.Single(d => d.Kind == Deadlines.DeadlineKind.Acceptance).DueDate;

        app.SetToday(due);
        var onTheDay = await app.WithAsync(sp => sp.GetRequiredService<QuarterlyReportBuilder>().BuildAsync(2026, 1, Ct));
        app.SetToday(due.AddDays(1));
        var dayAfter = await app.WithAsync(sp => sp.GetRequiredService<QuarterlyReportBuilder>().BuildAsync(2026, 1, Ct));

        Assert.Empty(onTheDay.Quality.ByOfficial);
        Assert.Equal(new OnTimeRow("Hồ Văn Hôm Nay", null, 1, 0, 0, 1, 0), Assert.Single(dayAfter.Quality.ByOfficial));
    }
}
