using System.Globalization;
using System.Net;
using System.Text;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.Reports;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>
/// Issue 14 item 5's test: a forwarded letter whose report-back date passes appears on the dashboard and in the e-mail
/// digest (real SMTP listener, fake clock), once however often the sweep runs; and the quarterly report counts them.
/// </summary>
public sealed class ForwardedLetterMailTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_ReportBackDatePasses_OnDashboardAndInDigestOnce()
    {
        await using var smtp = new LocalSmtpListener();
        var app = new CasesApp(server, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Smtp:UseStartTls"] = "false",
        });
        await app.InitializeAsync();
        await using var _ = app;
        var (assignee, staff) = await app.SignedInAsync("canbo.chuyenden", TestRoles.Staff);
        var (_, chairman) = await app.SignedInAsync("chutich.chuyenden", TestRoles.Chairman);
        // A denunciation forwarded by the province on Friday 2/1, received Monday 5/1; report due Friday 16/1.
        var file = await CreateForwardedAsync(app, CaseKind.Denunciation, assignee, new DateOnly(2026, 1, 5),
            new ForwardedLetterInput(ForwardSource.HigherAgency, "Thanh tra tỉnh", "88/TTr-TCD", new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 16)));
        var line = $"Hồ sơ {file.Number}";

        // 6 working days before: nothing about the report-back.
        app.SetToday(new DateOnly(2026, 1, 8));
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        Assert.DoesNotContain(smtp.Received, m => (m.TextBody ?? "").Contains("báo cáo kết quả đơn chuyển đến", StringComparison.Ordinal));
        var before = smtp.Received.Count;

        // 5 working days before: the assignee's digest reminds it; a second sweep sends nothing more.
        app.SetToday(new DateOnly(2026, 1, 9));
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        var reminder = Assert.Single((await DeadlineMailTests.ReceivedAsync(smtp, before + 1)).Skip(before));
        Assert.Equal("canbo.chuyenden@daovien.test", reminder.To.Mailboxes.Single().Address);
        Assert.Contains($"{line}: còn 5 ngày làm việc đến hạn báo cáo kết quả đơn chuyển đến (16/01/2026)", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains(file.Id.ToString("D"), reminder.TextBody, StringComparison.Ordinal);
        staff = await SignInAgainAsync(app, "canbo.chuyenden");
        var dashboard = WebUtility.HtmlDecode(await staff.GetStringAsync(new Uri("/Cases/Dashboard", UriKind.Relative), Ct));
        Assert.Contains($"data-case=\"{file.Number}\" data-overdue=\"false\"", dashboard, StringComparison.Ordinal);

        // Monday 19/1, the report-back date has passed: the assignee and the chairman each get it in the day's digest.
        app.SetToday(new DateOnly(2026, 1, 19));
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        var all = await DeadlineMailTests.ReceivedAsync(smtp, before + 3);
        // Ten days on the fake clock outlive the sign-in cookie.
        staff = await SignInAgainAsync(app, "canbo.chuyenden");
        chairman = await SignInAgainAsync(app, "chutich.chuyenden");
        var overdue = all.Skip(before + 1).ToList();
        Assert.Equal(["canbo.chuyenden@daovien.test", "chutich.chuyenden@daovien.test"], overdue.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(overdue, m => Assert.Contains($"{line} quá hạn báo cáo kết quả đơn chuyển đến (hạn 16/01/2026)", m.TextBody, StringComparison.Ordinal));
        Assert.All(overdue, m => Assert.Contains("QUÁ HẠN", m.TextBody, StringComparison.Ordinal));
        // Nothing of the agency's letter or of the denouncer leaves the server.
        Assert.All(all, m => Assert.DoesNotContain("Thanh tra tỉnh", m.TextBody, StringComparison.Ordinal));
        foreach (var client in new[] { staff, chairman })
        {
            var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/Cases/Dashboard", UriKind.Relative), Ct));
            Assert.Contains($"data-case=\"{file.Number}\" data-overdue=\"true\"", page, StringComparison.Ordinal);
            Assert.Contains("16/01/2026 (quá hạn 3 ngày)", page, StringComparison.Ordinal);
        }

        // Once per due date and person: the rows in the table and the mails at the listener agree.
        var rows = await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().Notifications.AsNoTracking().Where(n => n.DedupKey.StartsWith("reportback-")).ToListAsync(Ct));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.DigestId));
        Assert.Equal(smtp.Received.Count, smtp.Received.Select(m => m.MessageId).Distinct().Count());

        // A progress report with a next due date takes it off the overdue list; a result takes it off the dashboard.
        await RecordAsync(app, file.Id, new ReportBackInput(ReportBackKind.Progress, new DateOnly(2026, 1, 19), "12/BC-UBND", "Đang xác minh", new DateOnly(2026, 1, 23)));
        var afterProgress = WebUtility.HtmlDecode(await staff.GetStringAsync(new Uri("/Cases/Dashboard", UriKind.Relative), Ct));
        Assert.Contains($"data-case=\"{file.Number}\" data-overdue=\"false\"", afterProgress, StringComparison.Ordinal);
        await RecordAsync(app, file.Id, new ReportBackInput(ReportBackKind.Result, new DateOnly(2026, 1, 19), "13/BC-UBND", "Đã kết luận", null));
        Assert.DoesNotContain($"data-case=\"{file.Number}\"", WebUtility.HtmlDecode(await staff.GetStringAsync(new Uri("/Cases/Dashboard", UriKind.Relative), Ct)), StringComparison.Ordinal);
        app.SetToday(new DateOnly(2026, 1, 26));
        var sent = smtp.Received.Count;
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        Assert.Equal(3, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().Notifications.CountAsync(n => n.DedupKey.StartsWith("reportback-"), Ct)));
        Assert.DoesNotContain(smtp.Received.Skip(sent), m => (m.TextBody ?? "").Contains("báo cáo kết quả đơn chuyển đến", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuarterlyReport_ForwardedLetters_CountsReceivedOnTimeLateAndOwedBySourceInPageAndCsv()
    {
        var app = new CasesApp(server);
        await app.InitializeAsync();
        await using var _ = app;
        app.SetToday(new DateOnly(2026, 2, 25));
        var higherOnTime = await CreateForwardedAsync(app, CaseKind.Complaint, null, new DateOnly(2026, 1, 5), new(ForwardSource.HigherAgency, "UBND thành phố", "1/UBND", new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 16)));
        var pressLate = await CreateForwardedAsync(app, CaseKind.Feedback, null, new DateOnly(2026, 1, 5), new(ForwardSource.Press, "Báo Bắc Ninh", null, new DateOnly(2026, 1, 3), new DateOnly(2026, 1, 12)));
        var higherOwed = await CreateForwardedAsync(app, CaseKind.Petition, null, new DateOnly(2026, 1, 6), new(ForwardSource.HigherAgency, "Ban Tiếp công dân tỉnh", "2/BTCD", new DateOnly(2026, 1, 6), new DateOnly(2026, 1, 20)));
        await CreateForwardedAsync(app, CaseKind.Petition, null, new DateOnly(2026, 1, 7), new(ForwardSource.Other, "Mặt trận Tổ quốc phường", null, new DateOnly(2026, 1, 7), new DateOnly(2026, 3, 30)));
        // Received in the previous quarter, its result sent late in this one.
        var lastYear = await CreateForwardedAsync(app, CaseKind.Complaint, null, new DateOnly(2025, 12, 22), new(ForwardSource.Press, "Báo Nhân Dân", null, new DateOnly(2025, 12, 20), new DateOnly(2025, 12, 31)));
        await app.CreateAsync(CaseKind.Complaint);
        await RecordAsync(app, higherOnTime.Id, new(ReportBackKind.Result, new DateOnly(2026, 1, 15), "5/BC", "Đã giải quyết", null));
        await RecordAsync(app, pressLate.Id, new(ReportBackKind.Result, new DateOnly(2026, 1, 14), "6/BC", "Đã trả lời", null));
        await RecordAsync(app, higherOwed.Id, new(ReportBackKind.Progress, new DateOnly(2026, 1, 20), "7/BC", "Đang xác minh", new DateOnly(2026, 2, 10)));
        await RecordAsync(app, lastYear.Id, new(ReportBackKind.Result, new DateOnly(2026, 1, 8), "8/BC", "Đã giải quyết", null));

        var report = await app.WithAsync(sp => sp.GetRequiredService<QuarterlyReportBuilder>().BuildAsync(2026, 1, Ct));

        Assert.Equal(
            [new("HigherAgency", 2, 2, 0, 1, 1), new("Press", 1, 0, 2, 0, 0), new("Other", 1, 0, 0, 1, 0)],
            report.Forwarded);
        // Before the letters came: the quarter of 2025 sees the press letter received and still owed, and past due.
        var previous = await app.WithAsync(sp => sp.GetRequiredService<QuarterlyReportBuilder>().BuildAsync(2025, 4, Ct));
        Assert.Equal([new ForwardedRow("Press", 1, 0, 0, 1, 0)], previous.Forwarded);

        var (_, inspector) = await app.SignedInAsync("thanhtra.quy", TestRoles.Inspector);
        using var response = await inspector.GetAsync(new Uri("/Cases/Report?handler=Csv&year=2026&quarter=1", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).Split("\r\n").Select(l => l.Replace("\"", "", StringComparison.Ordinal)).ToList();
        foreach (var expected in new[]
        {
            "Đơn chuyển đến nhận trong quý,Cấp trên,2", "Báo cáo gửi đúng hạn,Cấp trên,2", "Còn nợ báo cáo kết quả,Cấp trên,1", "Còn nợ báo cáo kết quả, đã quá hạn,Cấp trên,1",
            "Đơn chuyển đến nhận trong quý,Cơ quan báo chí,1", "Báo cáo gửi quá hạn,Cơ quan báo chí,2", "Còn nợ báo cáo kết quả,Khác,1",
        })
        {
            Assert.Contains(expected, csv);
        }

        var page = WebUtility.HtmlDecode(await inspector.GetStringAsync(new Uri("/Cases/Report?year=2026&quarter=1", UriKind.Relative), Ct));
        Assert.Matches(@"<td>Đơn chuyển đến nhận trong quý</td>\s*<td>Cấp trên</td>\s*<td>2</td>", page);
    }

    internal static async Task<HttpClient> SignInAgainAsync(CasesApp app, string userName)
    {
        var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.SignInAsync(userName, "Test-pass-2026", Ct);
        return client;
    }

    private static async Task<CaseFile> CreateForwardedAsync(CasesApp app, CaseKind kind, Guid? assignee, DateOnly receivedOn, ForwardedLetterInput letter)
    {
        await using var scope = app.Scope();
        var (result, file) = await scope.ServiceProvider.GetRequiredService<CaseRegistry>().CreateAsync(
            new NewCase(kind, CaseChannel.Post, "Đất đai", "Nội dung đơn", receivedOn, [TestData.Person("Nguyễn Văn Chuyển")], false, assignee, Forwarded: letter),
            CaseActor.System, Ct);
        Assert.True(result.Succeeded, result.Error);
        return file!;
    }

    private static async Task RecordAsync(CasesApp app, Guid caseId, ReportBackInput input)
    {
        await using var scope = app.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<ForwardedLetterService>().RecordReportAsync(caseId, input, CaseActor.System, Ct);
        Assert.True(result.Succeeded, result.Error);
    }
}
