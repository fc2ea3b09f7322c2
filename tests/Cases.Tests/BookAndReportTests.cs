using System.Net;
using System.Text;
using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Exports;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.ReceptionBook;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.Reports;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The reception book and the quarterly report against a seeded set of receptions and cases.</summary>
public sealed class BookAndReportTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CasesApp app = new(server);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string OnlineCitizen = "Trịnh Văn Trực Tuyến";
    private const string Denouncer = "Bùi Thị Giấu Tên";

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        // Monday 5/1/2026 09:00. A: complaint by post. R1: online complaint → case B. R2: online petition answered on
        // the spot. R3: in-person denunciation → case C (sealed). R4: in-person feedback guided elsewhere.
        var a = await app.CreateAsync(CaseKind.Complaint, persons: TestData.Person("Đinh Văn Bưu Điện", "001000000001"));
        var r1 = await RecordAsync(CaseChannel.OnlineSession, CaseKind.Complaint, ReceptionOutcome.CaseAccepted, OnlineCitizen, "001000000002");
        await RecordAsync(CaseChannel.OnlineSession, CaseKind.Petition, ReceptionOutcome.AnsweredOnSpot, "Mai Thị Hỏi Đáp", "001000000003");
        var r3 = await RecordAsync(CaseChannel.InPerson, CaseKind.Denunciation, ReceptionOutcome.CaseAccepted, Denouncer, "001000000004");
        await RecordAsync(CaseChannel.InPerson, CaseKind.Feedback, ReceptionOutcome.Guided, "Lý Văn Phản Ánh", "001000000005", guidedTo: "Chi cục Thuế khu vực");
        Guid b, c;
        await using (var scope = app.Scope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();
            b = (await intake.CreateCaseFromReceptionAsync(r1, null, Ct)).Value!.CaseId;
            c = (await intake.CreateCaseFromReceptionAsync(r3, null, Ct)).Value!.CaseId;
        }

        // Monday 12/1: A and B accepted in time. C is left alone: its initial processing (14/1) and reply (19/1) lapse.
        app.SetToday(new DateOnly(2026, 1, 12));
        await app.AdvanceAsync(a.Id, CaseStatus.Accepted);
        await app.AdvanceAsync(b, CaseStatus.Accepted);
        app.SetToday(new DateOnly(2026, 1, 20));
        Assert.NotEqual(Guid.Empty, c);
    }

    [Fact]
    public async Task QuarterlyReport_SeededQuarter_CountsOnTimeRateAndOverdueList()
    {
        await using var scope = app.Scope();
        var report = await scope.ServiceProvider.GetRequiredService<QuarterlyReportBuilder>().BuildAsync(2026, 1, Ct);

        Assert.Equal(new DateOnly(2026, 1, 20), report.AsOf);
        Assert.Equal(3, report.CasesReceived);
        Assert.Equal(4, report.Receptions);
        Assert.Equal([new("Complaint", 2), new("Denunciation", 1)], report.ByKind);
        Assert.Equal([new("Accepted", 2), new("Received", 1)], report.ByStatus);
        Assert.Equal([new("InPerson", 1), new("OnlineSession", 1), new("Post", 1)], report.ByChannel);
        Assert.Equal([new("InPerson", 2), new("OnlineSession", 2)], report.ReceptionsByChannel);
        // Due by 20/1: A acceptance, B acceptance + reply (met 12/1), C initial processing (14/1) + reply (19/1) missed.
        Assert.Equal(5, report.DeadlinesDue);
        Assert.Equal(3, report.DeadlinesMet);
        Assert.Equal(60.0m, report.OnTimeRate);
        Assert.Equal(2, report.Overdue.Count);
        Assert.Equal((DeadlineKind.Acceptance, new DateOnly(2026, 1, 14), 6), (report.Overdue[0].Deadline, report.Overdue[0].DueDate, report.Overdue[0].DaysOverdue));
        Assert.Equal((DeadlineKind.ReceptionReply, 1), (report.Overdue[1].Deadline, report.Overdue[1].DaysOverdue));
    }

    [Fact]
    public async Task ReceptionBook_PageCsvXlsx_FourReceptionsWithDenouncerSealed()
    {
        var (staffId, staff) = await app.SignedInAsync("canbo.book", TestRoles.Staff);
        const string range = "from=2026-01-01&to=2026-01-20";

        var page = await staff.GetStringAsync(new Uri("/Cases/Receptions?" + range, UriKind.Relative), Ct);
        using var csvResponse = await staff.GetAsync(new Uri("/Cases/Receptions?handler=Csv&" + range, UriKind.Relative), Ct);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync(Ct));
        using var xlsxResponse = await staff.GetAsync(new Uri("/Cases/Receptions?handler=Xlsx&" + range, UriKind.Relative), Ct);
        var sheet = TableExport.ReadXlsx(await xlsxResponse.Content.ReadAsByteArrayAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal(5, sheet.Count);
        Assert.Equal(["STT", "Ngày tiếp", "Họ tên – địa chỉ", "Số CCCD/CMND", "Nội dung vụ việc", "Phân loại đơn / số người", "Cơ quan, tổ chức đã giải quyết", "Hướng xử lý", "Theo dõi kết quả giải quyết", "Ghi chú"], sheet[0]);
        Assert.Equal(["1", "2", "3", "4"], sheet.Skip(1).Select(r => r[0]));
        var sealedRow = Assert.Single(sheet, r => r[4] == "Nội dung tố cáo");
        Assert.Equal("đã niêm phong", sealedRow[2]);
        Assert.Equal("đã niêm phong", sealedRow[3]);
        Assert.StartsWith("Đã lập hồ sơ ", sealedRow[8], StringComparison.Ordinal);
        Assert.Contains(sheet, r => r[2].Contains(OnlineCitizen, StringComparison.Ordinal) && r[3] == "001000000002");
        Assert.Contains(sheet, r => r[7] == "Hướng dẫn đến cơ quan có thẩm quyền: Chi cục Thuế khu vực");
        Assert.Equal(5, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var text in new[] { page, csv, string.Join('\n', sheet.SelectMany(r => r)) })
        {
            Assert.DoesNotContain(Denouncer, text, StringComparison.Ordinal);
            Assert.DoesNotContain("001000000004", text, StringComparison.Ordinal);
            Assert.Contains(OnlineCitizen, text, StringComparison.Ordinal);
        }

        // Each reading (the page and both exports) is logged with who, the range, the form and how many rows.
        var readings = await app.WithAsync(sp => sp.GetRequiredService<Persistence.CasesDbContext>().ReceptionBookAccessLog
            .OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Equal([ReceptionBookFormat.View, ReceptionBookFormat.Csv, ReceptionBookFormat.Xlsx], readings.Select(r => r.Format));
        Assert.All(readings, r =>
        {
            Assert.Equal(staffId, r.ViewerId);
            Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 20), 4), (r.From, r.To, r.Rows));
        });
    }

    [Fact]
    public async Task ReportPage_XlsxExport_CarriesTheFigures()
    {
        var (_, inspector) = await app.SignedInAsync("thanhtra.report", TestRoles.Inspector);

        using var response = await inspector.GetAsync(new Uri("/Cases/Report?handler=Xlsx&year=2026&quarter=1", UriKind.Relative), Ct);
        var sheet = TableExport.ReadXlsx(await response.Content.ReadAsByteArrayAsync(Ct));

        Assert.Contains(sheet, r => r[0] == "Số đơn tiếp nhận trong quý" && r[2] == "3");
        Assert.Contains(sheet, r => r[0] == "Theo loại đơn" && r[1] == "Khiếu nại" && r[2] == "2");
        Assert.Contains(sheet, r => r[0] == "Lượt tiếp theo hình thức" && r[1] == "Tiếp trực tiếp" && r[2] == "2");
        Assert.Contains(sheet, r => r[0] == "Tỷ lệ giải quyết đúng hạn" && r[1] == "3/5" && r[2] == "60.0%");
        Assert.Equal(2, sheet.Count(r => r[0] == "Quá hạn (số ngày)"));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<Guid> RecordAsync(CaseChannel channel, CaseKind kind, ReceptionOutcome outcome, string name, string id, string? guidedTo = null)
    {
        await using var scope = app.Scope();
        var content = kind == CaseKind.Denunciation ? "Nội dung tố cáo" : "Nội dung " + kind;
        var result = await scope.ServiceProvider.GetRequiredService<ICaseIntake>().RecordReceptionAsync(new ReceptionRecord(
            app.Clock.GetUtcNow(), channel, kind, "Đất đai", content, [TestData.Person(name, id, "Phường Đào Viên")], 1, outcome, null, guidedTo, null, null,
            channel == CaseChannel.OnlineSession ? Guid.NewGuid() : null, null, null), Ct);
        Assert.True(result.Succeeded, result.Error);
        return result.Value;
    }
}
