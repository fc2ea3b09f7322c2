using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>Where a forwarded letter's report-back stands (docs/adr/0085), as a table of days and reports.</summary>
public sealed class ReportBackStateTests
{
    private static readonly DateOnly Due = new(2026, 1, 16);

    private static readonly DateOnly Letter = new(2026, 1, 2);

    public static TheoryData<string, string[], string, string, bool?> Rows => new()
    {
        // today, reports ("kind:sentOn:dueOnAtTime[:nextDue]"), expected status, expected due, met on time
        { "2026-01-02", [], "Open", "2026-01-16", null },
        { "2026-01-06", [], "DueSoon", "2026-01-16", null },
        { "2026-01-16", [], "DueSoon", "2026-01-16", null },
        { "2026-01-17", [], "Overdue", "2026-01-16", null },
        { "2026-01-20", ["Result:2026-01-15:2026-01-16"], "Met", "2026-01-16", true },
        { "2026-01-20", ["Result:2026-01-19:2026-01-16"], "Met", "2026-01-16", false },
        // A progress report moves the obligation to its next due date: not overdue on the old one.
        { "2026-01-20", ["Progress:2026-01-15:2026-01-16:2026-02-27"], "Open", "2026-02-27", null },
        { "2026-02-20", ["Progress:2026-01-15:2026-01-16:2026-02-27"], "DueSoon", "2026-02-27", null },
        { "2026-02-28", ["Progress:2026-01-15:2026-01-16:2026-02-27"], "Overdue", "2026-02-27", null },
        // The latest progress report counts; a result after them meets the obligation.
        { "2026-03-02", ["Progress:2026-01-15:2026-01-16:2026-02-27", "Progress:2026-02-26:2026-02-27:2026-03-31"], "Open", "2026-03-31", null },
        { "2026-04-10", ["Progress:2026-01-15:2026-01-16:2026-02-27", "Result:2026-03-05:2026-02-27"], "Met", "2026-02-27", false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Of_ReportsOnADay_GivesStatusDueDateAndTimeliness(string today, string[] reports, string status, string due, bool? onTime)
    {
        var letter = new ForwardedLetter { Id = Guid.NewGuid(), Agency = "UBND thành phố", LetterDate = Letter, ReportDueOn = Due };
        var rows = reports.Select((r, i) =>
        {
            var p = r.Split(':');
            return new ReportBack
            {
                Id = Guid.NewGuid(), Kind = Enum.Parse<ReportBackKind>(p[0]), SentOn = D(p[1]), DueOn = D(p[2]), NextDueOn = p.Length > 3 ? D(p[3]) : null,
                OutgoingNumber = "1" + i, Summary = "Báo cáo", RecordedAt = CasesApp.Start.AddMinutes(i),
            };
        }).ToList();

        var state = ReportBackState.Of(letter, rows, D(today), dueSoonDays: 10);

        Assert.Equal((Enum.Parse<ReportBackStatus>(status), D(due), onTime), (state.Status, state.DueOn, state.MetOnTime));
    }

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The forwarded-letter API and case page: bad input changes nothing, authorization as for every case edit.</summary>
public sealed class ForwardedLetterApiTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CasesApp app = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static object Letter(string? source = "HigherAgency", string? agency = "UBND thành phố Bắc Ninh", string? reference = "123/UBND-BTD", string? letterDate = "2026-01-02", string? due = "2026-01-30") =>
        new { source, agency, reference, letterDate, reportDueOn = due };

    [Fact]
    public async Task PutForwardedLetter_BadInput_VietnameseProblemAndNothingChanged()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.chuyen", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Petition, staffId);
        var bad = new (object Body, string Error)[]
        {
            (Letter(agency: "   "), CaseErrors.ForwardedAgencyRequired),
            (Letter(agency: null), CaseErrors.ForwardedAgencyRequired),
            (Letter(due: "2026-01-01"), CaseErrors.ForwardedDueBeforeLetter),
            (Letter(agency: "Báo \u202Eabc"), CaseErrors.ForwardedBadText),
            (Letter(reference: "12\u200B3"), CaseErrors.ForwardedBadText),
            (Letter(letterDate: "2026-01-06"), CaseErrors.ForwardedLetterDate),
            (Letter(letterDate: null), CaseErrors.ForwardedDatesRequired),
            (Letter(source: "Newspaper"), CaseErrors.ForwardedSource),
            (Letter(source: "1"), CaseErrors.ForwardedSource),
        };
        var logged = app.Logs.Entries.Count;
        foreach (var (body, error) in bad)
        {
            using var response = await staff.PutAsJsonAsync(Url(file.Id), body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(error, problem.GetProperty("error").GetString());
        }

        using (var dueBefore = await staff.PutAsJsonAsync(Url(file.Id), Letter(due: "2026-01-01"), Ct))
        {
            var detail = (await dueBefore.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
            Assert.Equal("Hạn báo cáo kết quả không được trước ngày văn bản chuyển đơn.", detail);
        }

        using var get = await staff.GetAsync(Url(file.Id), Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().ForwardedLetters.CountAsync(Ct)));
        Assert.DoesNotContain((await app.LoadAsync(file.Id)).History, h => h.Action.StartsWith("Forwarded", StringComparison.Ordinal));
        // Expected refusals: one line each, without a stack trace (the source names are refused before the service).
        var lines = app.Logs.Entries.Skip(logged).Where(e => e.Category.EndsWith(nameof(ForwardedLetterService), StringComparison.Ordinal)).ToList();
        Assert.Equal(8, lines.Count);
        Assert.All(lines, e => Assert.Null(e.Exception));
        Assert.All(lines, e => Assert.Equal(LogLevel.Information, e.Level));
    }

    [Fact]
    public async Task ForwardedLetterEndpoints_CallerWhoMayNotOpenTheCase_SameReplyAsAnUnknownCase()
    {
        var (ownerId, owner) = await app.SignedInAsync("canbo.chu", TestRoles.Staff);
        var (_, other) = await app.SignedInAsync("canbo.khac", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Complaint, ownerId);
        using (var ok = await owner.PutAsJsonAsync(Url(file.Id), Letter(), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var report = new { kind = "Result", sentOn = "2026-01-05", outgoingNumber = "05/BC-UBND", summary = "Đã giải quyết" };
        foreach (var id in new[] { file.Id, Guid.NewGuid() })
        {
            using var put = await other.PutAsJsonAsync(Url(id), Letter(agency: "Khác"), Ct);
            using var post = await other.PostAsJsonAsync(new Uri($"/api/cases/{id}/report-backs", UriKind.Relative), report, Ct);
            using var get = await other.GetAsync(Url(id), Ct);
            foreach (var response in new[] { put, post, get })
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                Assert.Equal((CaseErrors.NotFound, "Không tìm thấy"), (problem.GetProperty("error").GetString(), problem.GetProperty("title").GetString()));
            }
        }

        var letter = await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().ForwardedLetters.Include(l => l.Reports).SingleAsync(Ct));
        Assert.Equal(("UBND thành phố Bắc Ninh", 0), (letter.Agency, letter.Reports.Count));
        // The same refusal a reclassification gives, so the new endpoints reveal no more than the old ones.
        using var reclassify = await other.PostAsJsonAsync(new Uri($"/api/cases/{file.Id}/reclassify", UriKind.Relative), new { reason = "x", complexity = "Complex" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, reclassify.StatusCode);
    }

    [Fact]
    public async Task ReportBacks_ProgressThenResult_MovesTheDueDateThenMeetsTheObligation()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.baocao", TestRoles.Staff);
        var file = await app.CreateAsync(CaseKind.Denunciation, staffId, persons: TestData.Person("Người Tố Cáo Kín", "001000000009"));
        using (var ok = await staff.PutAsJsonAsync(Url(file.Id), Letter(source: "Press", agency: "Báo Bắc Ninh", reference: null, due: "2026-01-16"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        app.SetToday(new DateOnly(2026, 1, 15));
        // Ten days on the fake clock outlive the sign-in cookie.
        staff = await ForwardedLetterMailTests.SignInAgainAsync(app, "canbo.baocao");
        var reports = new Uri($"/api/cases/{file.Id}/report-backs", UriKind.Relative);
        var bad = new (object Body, string Error)[]
        {
            (new { kind = "Progress", sentOn = "2026-01-15", outgoingNumber = "10/BC", summary = "Đang xác minh" }, CaseErrors.ReportBackNextDue),
            (new { kind = "Progress", sentOn = "2026-01-15", outgoingNumber = "10/BC", summary = "Đang xác minh", nextDueOn = "2026-01-15" }, CaseErrors.ReportBackNextDue),
            (new { kind = "Result", sentOn = "2026-01-15", outgoingNumber = "10/BC", summary = "Xong", nextDueOn = "2026-02-15" }, CaseErrors.ReportBackNextDueOnResult),
            (new { kind = "Result", sentOn = "2026-01-16", outgoingNumber = "10/BC", summary = "Xong" }, CaseErrors.ReportBackSentOn),
            (new { kind = "Result", sentOn = "2026-01-15", outgoingNumber = " ", summary = "Xong" }, CaseErrors.ReportBackNumberRequired),
            (new { kind = "Result", sentOn = "2026-01-15", outgoingNumber = "10/BC", summary = "Xong\u202E" }, CaseErrors.ForwardedBadText),
            (new { kind = "Final", sentOn = "2026-01-15", outgoingNumber = "10/BC", summary = "Xong" }, CaseErrors.ReportBackKind),
        };
        foreach (var (body, error) in bad)
        {
            using var response = await staff.PostAsJsonAsync(reports, body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        }

        var unchanged = await GetAsync(staff, file.Id);
        Assert.Equal(("DueSoon", "2026-01-16", 0), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("dueOn").GetString(), unchanged.GetProperty("reports").GetArrayLength()));

        using (var progress = await staff.PostAsJsonAsync(reports, new { kind = "Progress", sentOn = "2026-01-15", outgoingNumber = "10/BC-UBND", summary = "Đang xác minh", nextDueOn = "2026-02-27" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        }

        // The day after the agency's date the obligation is not overdue: the progress report set the next one.
        app.SetToday(new DateOnly(2026, 1, 20));
        staff = await ForwardedLetterMailTests.SignInAgainAsync(app, "canbo.baocao");
        var moved = await GetAsync(staff, file.Id);
        Assert.Equal(("Open", "2026-02-27"), (moved.GetProperty("status").GetString(), moved.GetProperty("dueOn").GetString()));
        Assert.True(moved.GetProperty("reports")[0].GetProperty("onTime").GetBoolean());

        app.SetToday(new DateOnly(2026, 3, 2));
        staff = await ForwardedLetterMailTests.SignInAgainAsync(app, "canbo.baocao");
        using (var result = await staff.PostAsJsonAsync(reports, new { kind = "Result", sentOn = "2026-03-02", outgoingNumber = "30/BC-UBND", summary = "Đã kết luận nội dung tố cáo" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        }

        var met = await GetAsync(staff, file.Id);
        Assert.Equal(("Met", "2026-03-02", false), (met.GetProperty("status").GetString(), met.GetProperty("metOn").GetString(), met.GetProperty("metOnTime").GetBoolean()));
        using (var again = await staff.PostAsJsonAsync(reports, new { kind = "Result", sentOn = "2026-03-02", outgoingNumber = "31/BC-UBND", summary = "Lần nữa" }, Ct))
        {
            Assert.Equal(CaseErrors.ReportBackAlreadyMet, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        }

        Assert.Equal(2, (await GetAsync(staff, file.Id)).GetProperty("reports").GetArrayLength());
        // A denunciation stays sealed: the new rows and the history lines hold nothing of the denouncer.
        var dump = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<CasesDbContext>();
            var letter = await db.ForwardedLetters.AsNoTracking().Include(l => l.Reports).SingleAsync(l => l.CaseId == file.Id, Ct);
            var history = await db.History.AsNoTracking().Where(h => h.CaseId == file.Id).Select(h => h.Details).ToListAsync(Ct);
            return JsonSerializer.Serialize(new { letter.Agency, letter.Reference, reports = letter.Reports.Select(r => new { r.OutgoingNumber, r.Summary }), history });
        });
        Assert.DoesNotContain("Người Tố Cáo Kín", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("001000000009", dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseAndCreatePages_ForwardedLetter_RecordedAndBadInputRefusedInVietnamese()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.trang", TestRoles.Staff);
        var create = new Uri("/Cases/Create", UriKind.Relative);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await staff.AntiforgeryTokenAsync(create, Ct),
            ["Input.Kind"] = "Petition",
            ["Input.SubjectArea"] = "Môi trường",
            ["Input.Summary"] = "Kiến nghị về rác thải",
            ["Input.ReceivedOn"] = "2026-01-05",
            ["Input.Persons[0].FullName"] = "Hà Văn Kiến Nghị",
            ["Input.IsForwarded"] = "true",
            ["Input.ForwardSource"] = "HigherAgency",
            ["Input.ForwardAgency"] = "Ban Tiếp công dân tỉnh",
            ["Input.ForwardReference"] = "45/BTCD",
            ["Input.ForwardLetterDate"] = "2026-01-08",
            ["Input.ReportDueOn"] = "2026-01-30",
        };
        using (var refused = await staff.PostAsync(create, new FormUrlEncodedContent(fields), Ct))
        {
            // The agency's letter cannot be dated after the ward received it: the form comes back, no case made.
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Ngày văn bản chuyển đơn không được sau ngày hôm nay hoặc sau ngày phường nhận đơn.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().Cases.CountAsync(Ct)));
        fields["__RequestVerificationToken"] = await staff.AntiforgeryTokenAsync(create, Ct);
        fields["Input.ForwardLetterDate"] = "2026-01-02";
        using var created = await staff.PostAsync(create, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var caseId = Guid.Parse(Regex.Match(created.Headers.Location!.OriginalString, "id=([0-9a-f-]{36})").Groups[1].Value);
        var details = new Uri("/Cases/Details?id=" + caseId, UriKind.Relative);
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync(details, Ct));
        Assert.Contains("Ban Tiếp công dân tỉnh", page, StringComparison.Ordinal);
        Assert.Contains("data-status=\"Open\"", page, StringComparison.Ordinal);

        using var edit = await staff.PostAsync(new Uri($"/Cases/Details?id={caseId}&handler=Forwarded", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await staff.AntiforgeryTokenAsync(details, Ct),
            ["Forwarded.Source"] = "HigherAgency",
            ["Forwarded.Agency"] = "Ban Tiếp công dân tỉnh",
            ["Forwarded.LetterDate"] = "2026-01-02",
            ["Forwarded.ReportDueOn"] = "2025-12-31",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var after = WebUtility.HtmlDecode(await staff.GetStringAsync(details, Ct));
        Assert.Contains("Hạn báo cáo kết quả không được trước ngày văn bản chuyển đơn.", after, StringComparison.Ordinal);
        var letter = await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().ForwardedLetters.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((new DateOnly(2026, 1, 30), "45/BTCD"), (letter.ReportDueOn, letter.Reference));

        // Another staff member's page post for the case is "not found", as for every case edit.
        var (_, other) = await app.SignedInAsync("canbo.trang2", TestRoles.Staff);
        using var denied = await other.PostAsync(new Uri($"/Cases/Details?id={caseId}&handler=ReportBack", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await other.AntiforgeryTokenAsync(new Uri("/Cases/Create", UriKind.Relative), Ct),
            ["ReportBack.Kind"] = "Result",
            ["ReportBack.SentOn"] = "2026-01-05",
            ["ReportBack.OutgoingNumber"] = "01/BC",
            ["ReportBack.Summary"] = "Xong",
        }), Ct);
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().ReportBacks.CountAsync(Ct)));
        Assert.Equal(staffId, (await app.LoadAsync(caseId)).AssigneeId);
    }

    private static Uri Url(Guid id) => new($"/api/cases/{id}/forwarded-letter", UriKind.Relative);

    private static async Task<JsonElement> GetAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync(Url(id), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
