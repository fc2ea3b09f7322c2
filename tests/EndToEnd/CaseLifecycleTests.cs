using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Staff take a finished online session to a case, carry it through the workflow, extend a denunciation, resolve and
/// publish a complaint; the public page shows the result and no personal data. The session outcome is recorded
/// through <see cref="ICaseIntake"/>, the way the web host wires the realtime module's "session ended".
/// </summary>
public sealed class CaseLifecycleTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private const string Citizen = "Hồ Văn Công Dân";
    private const string CitizenId = "001987654321";
    private const string Content = "Ông Hồ Văn Công Dân khiếu nại quyết định thu hồi đất";
    private const string Denouncer = "Tạ Thị Kín Đáo";
    private ReceptionAppFactory _app = null!;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-cases-" + Guid.NewGuid().ToString("N")[..8]));
        _baseAddress = _app.StartOnSocket();
        await _app.CreateStaffAsync("thanhtra", "Inspector-2026", "Nguyễn Thanh Tra", TestRoles.Inspector);
    }

    [Fact]
    public async Task FinishedSession_CaseExtendedResolvedPublished_PublicPageShowsResultWithoutPersonalData()
    {
        var complaintReception = await RecordSessionAsync(CaseKind.Complaint, Citizen, CitizenId, Content);
        var denunciationReception = await RecordSessionAsync(CaseKind.Denunciation, Denouncer, "001555666777", "Tố cáo cán bộ nhận hối lộ");

        await using var context = await browser.NewContextAsync(_baseAddress);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync("thanhtra", "Inspector-2026");

        // Complaint: from the reception book to a case, through the workflow to a decision, then published.
        await page.GotoAsync("/Cases/Receptions");
        await page.GetByTestId("create-case-" + complaintReception).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("Đã tiếp nhận");
        var number = Regex.Match(await page.GetByTestId("case-number").InnerTextAsync(), @"\d{4}-\d{5}").Value;
        await Assertions.Expect(page.GetByTestId("case-links")).ToContainTextAsync("Phiên tiếp trực tuyến");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await Move(page, "Classified", "Đã phân loại");
        await Move(page, "Accepted", "Đã thụ lý");
        await Move(page, "UnderResolution", "Đang giải quyết");
        await page.Locator("input[name='Move.DecisionNumber']").FillAsync("21/QĐ-UBND");
        await Move(page, "Resolved", "Đã giải quyết");
        await Assertions.Expect(page.GetByTestId("case-decision")).ToContainTextAsync("21/QĐ-UBND");
        await Assertions.Expect(page.GetByTestId("case-history")).ToContainTextAsync("Giải quyết: quyết định số 21/QĐ-UBND");

        await page.GetByTestId("case-publish").ClickAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await page.GetByTestId("publish-text").FillAsync("Ông " + Citizen + " khiếu nại đúng.");
        await page.GetByTestId("publish-approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("publish-error")).ToContainTextAsync("thông tin cá nhân");
        await page.GetByTestId("publish-text").FillAsync("Khiếu nại về thu hồi đất: có cơ sở một phần; quyết định thu hồi được điều chỉnh.");
        await page.GetByTestId("publish-approve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("publish-state")).ToHaveTextAsync("Đang công khai");

        // Denunciation: especially complex, accepted, extended once by written decision; its deadline moves.
        await page.GotoAsync("/Cases/Receptions");
        await page.GetByTestId("create-case-" + denunciationReception).ClickAsync();
        await Assertions.Expect(page.GetByTestId("person-sealed")).ToContainTextAsync("đã niêm phong");
        await page.Locator("select[name='Move.Complexity']").SelectOptionAsync("EspeciallyComplex");
        await Move(page, "Classified", "Đã phân loại");
        await Move(page, "Accepted", "Đã thụ lý");
        var dueBefore = await page.GetByTestId("due-Resolution").InnerTextAsync();
        await page.Locator("input[name='Extension.DecisionNumber']").FillAsync("3/QĐ-GH");
        await page.GetByTestId("extend-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-message")).ToHaveTextAsync("Đã lưu.");
        Assert.NotEqual(dueBefore, await page.GetByTestId("due-Resolution").InnerTextAsync());
        await Assertions.Expect(page.GetByTestId("deadlines")).ToContainTextAsync("gia hạn thêm 30 ngày");
        var denunciationNumber = Regex.Match(await page.GetByTestId("case-number").InnerTextAsync(), @"\d{4}-\d{5}").Value;

        // The public, signed out.
        await using var publicContext = await browser.NewContextAsync(_baseAddress, phone: true);
        var visitor = await publicContext.NewPageAsync();
        await visitor.GotoAsync("/Results");
        await Assertions.Expect(visitor.Locator($"article[data-case='{number}']")).ToContainTextAsync("quyết định thu hồi được điều chỉnh");
        var html = await visitor.ContentAsync();
        foreach (var secret in new[] { Citizen, CitizenId, Content, Denouncer, denunciationNumber, "hối lộ" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CasePage_OnAPhone_FeedbackReclassifiedAsDenunciation_SealedKindAndHistoryShown_BadInputExplained()
    {
        const string walkIn = "Ninh Văn Đổi Loại";
        var reception = await RecordSessionAsync(CaseKind.Feedback, walkIn, "001222333444", "Phản ánh việc thu tiền sai quy định");
        CaseReference created;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<ICaseIntake>().CreateCaseFromReceptionAsync(reception, null, TestContext.Current.CancellationToken);
            Assert.True(result.Succeeded, result.Error);
            created = result.Value!;
        }

        await using var context = await browser.NewContextAsync(_baseAddress, phone: true);
        var page = await context.NewPageAsync();
        await page.SignInAsync("thanhtra", "Inspector-2026");
        await page.GotoAsync("/Cases/Details?id=" + created.CaseId);
        await Assertions.Expect(page.GetByTestId("case-persons")).ToContainTextAsync(walkIn);
        await page.GetByTestId("reclassify").Locator("summary").ClickAsync();

        // No reason: the page says so in Vietnamese and nothing changes.
        await page.GetByTestId("reclassify-kind").SelectOptionAsync("Denunciation");
        await page.GetByTestId("reclassify-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-message")).ToContainTextAsync("Vui lòng ghi lý do điều chỉnh");
        await Assertions.Expect(page.GetByTestId("case-kind")).ToHaveTextAsync("Phản ánh");

        await page.GetByTestId("reclassify").Locator("summary").ClickAsync();
        await page.GetByTestId("reclassify-kind").SelectOptionAsync("Denunciation");
        await page.GetByTestId("reclassify-reason").FillAsync("Nội dung tố cáo cán bộ thu tiền");
        await page.GetByTestId("reclassify-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("case-message")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.GetByTestId("case-kind")).ToHaveTextAsync("Tố cáo");
        await Assertions.Expect(page.GetByTestId("person-sealed")).ToContainTextAsync("đã niêm phong");
        await Assertions.Expect(page.GetByTestId("case-changes")).ToContainTextAsync("Phản ánh → Tố cáo");
        await Assertions.Expect(page.GetByTestId("case-changes")).ToContainTextAsync("Nội dung tố cáo cán bộ thu tiền");
        await Assertions.Expect(page.GetByTestId("deadlines")).ToContainTextAsync("Luật Tố cáo 2018 Điều 24");
        Assert.DoesNotContain(walkIn, await page.ContentAsync(), StringComparison.Ordinal);
        // The whole page, form included, fits the 390-px screen: nothing scrolls sideways.
        await page.GetByTestId("reclassify").Locator("summary").ClickAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the case page scrolls sideways on a phone");
    }

    [Fact]
    public async Task Clerk_OpensCaseFromTheBook_FindsItInTheirList_AnotherClerkGetsAPageInVietnamese()
    {
        // Found going through as a clerk: the book said a case was opened, the clerk's case list was empty, and
        // "Xem hồ sơ" answered a raw JSON 404.
        await _app.CreateStaffAsync("vanthu.mot", "Clerk-one-2026", "Lê Thị Văn Thư", TestRoles.Staff);
        await _app.CreateStaffAsync("vanthu.hai", "Clerk-two-2026", "Phạm Văn Hai", TestRoles.Staff);
        var reception = await RecordSessionAsync(CaseKind.Petition, "Đỗ Thị Kiến Nghị", "001299887766", "Kiến nghị sửa đường ngõ 5");

        await using var clerkContext = await browser.NewContextAsync(_baseAddress, phone: true);
        await Accessibility.EnableAsync(clerkContext);
        var clerk = await clerkContext.NewPageAsync();
        await clerk.SignInAsync("vanthu.mot", "Clerk-one-2026");
        await clerk.GotoAsync("/Cases/Receptions");
        await clerk.GetByTestId("create-case-" + reception).ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("case-status")).ToHaveTextAsync("Đã tiếp nhận");
        var number = Regex.Match(await clerk.GetByTestId("case-number").InnerTextAsync(), @"\d{4}-\d{5}").Value;
        await clerk.GotoAsync("/Cases");
        await Assertions.Expect(clerk.Locator("main")).ToContainTextAsync(number);
        await clerk.GotoAsync("/Cases/Receptions");
        await clerk.Locator($"tr[data-reception='{reception}']").GetByRole(AriaRole.Link, new() { Name = "Xem hồ sơ" }).ClickAsync();
        await Assertions.Expect(clerk.GetByTestId("case-number")).ToContainTextAsync(number);

        await using var otherContext = await browser.NewContextAsync(_baseAddress);
        await Accessibility.EnableAsync(otherContext);
        var other = await otherContext.NewPageAsync();
        await other.SignInAsync("vanthu.hai", "Clerk-two-2026");
        await other.GotoAsync("/Cases/Receptions");
        var response = await other.RunAndWaitForResponseAsync(
            () => other.Locator($"tr[data-reception='{reception}']").GetByRole(AriaRole.Link, new() { Name = "Xem hồ sơ" }).ClickAsync(),
            r => r.Url.Contains("/Cases/Details", StringComparison.Ordinal));
        Assert.Equal(404, response.Status);
        await Assertions.Expect(other.GetByTestId("error-page")).ToContainTextAsync("Không tìm thấy nội dung cần xem");
        await Assertions.Expect(other.Locator("body")).Not.ToContainTextAsync(number);
        await Accessibility.ExpectNoSeriousViolationsAsync(other);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task Move(IPage page, string to, string statusText)
    {
        await page.GetByTestId("move-" + to).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync(statusText);
    }

    private async Task<Guid> RecordSessionAsync(CaseKind kind, string name, string id, string content)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();
        var result = await intake.RecordReceptionAsync(new ReceptionRecord(
            scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), CaseChannel.OnlineSession, kind, "Đất đai", content,
            [new ReceptionParticipant(name, "Tổ 3, phường Đào Viên", id, "0900000000", false)], 1, ReceptionOutcome.CaseAccepted,
            null, null, null, "Chủ tịch tiếp, đề nghị lập hồ sơ", Guid.NewGuid(), null, null), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Error);
        return result.Value;
    }
}
