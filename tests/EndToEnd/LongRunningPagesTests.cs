using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// On a 390-px phone, an inspector takes a case into the register of complex and long-running cases from the case page:
/// a hotspot without its reason is explained in Vietnamese, then saved; a plan step is added; the register lists the
/// case as a hotspot; neither page scrolls sideways (docs/adr/0087).
/// </summary>
public sealed class LongRunningPagesTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-longrun-" + Guid.NewGuid().ToString("N")[..8]));
        _baseAddress = _app.StartOnSocket();
        await _app.CreateStaffAsync("thanhtra.kd", "Inspector-2026", "Nguyễn Thanh Tra", TestRoles.Inspector);
    }

    [Fact]
    public async Task CasePage_RegisterHotspotAndStepOnAPhone_ListedInTheRegister()
    {
        Guid caseId;
        string number;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var today = scope.ServiceProvider.GetRequiredService<WardClock>().Today;
            var (created, file) = await scope.ServiceProvider.GetRequiredService<CaseRegistry>().CreateAsync(
                new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Khiếu nại về bồi thường", today, [new ReceptionParticipant("Lê Văn Khiếu", null, null, null, true)], true, null),
                CaseActor.System, TestContext.Current.CancellationToken);
            Assert.True(created.Succeeded, created.Error);
            (caseId, number) = (file!.Id, file.Number);
        }

        await using var context = await browser.NewContextAsync(_baseAddress, phone: true);
        var page = await context.NewPageAsync();
        await page.SignInAsync("thanhtra.kd", "Inspector-2026");
        await page.GotoAsync("/Cases/Details?id=" + caseId);
        await page.GetByTestId("case-long-running").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-not-registered")).ToBeVisibleAsync();

        await page.Locator("textarea[name='Register.Reason']").FillAsync("Khiếu nại đông người, kéo dài qua nhiều năm");
        await page.Locator("input[name='Register.IsHotspot']").CheckAsync();
        await page.GetByTestId("plan-entry-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-message")).ToHaveTextAsync("Khi đánh dấu nguy cơ điểm nóng, vui lòng ghi lý do (tối đa 500 ký tự).");
        await Assertions.Expect(page.GetByTestId("plan-not-registered")).ToBeVisibleAsync();

        await page.Locator("textarea[name='Register.Reason']").FillAsync("Khiếu nại đông người, kéo dài qua nhiều năm");
        await page.Locator("input[name='Register.IsHotspot']").CheckAsync();
        await page.Locator("textarea[name='Register.HotspotReason']").FillAsync("Nhiều hộ dân tập trung tại trụ sở");
        await page.GetByTestId("plan-entry-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-message")).ToHaveTextAsync("Đã lưu.");
        await Assertions.Expect(page.GetByTestId("plan-hotspot")).ToContainTextAsync("Nhiều hộ dân tập trung tại trụ sở");

        await page.GetByTestId("plan-step").Locator("summary").ClickAsync();
        await page.Locator("textarea[name='Step.Action']").FillAsync("Tổ chức đối thoại công khai với các hộ dân");
        await page.GetByTestId("plan-step-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-steps")).ToContainTextAsync("Tổ chức đối thoại công khai với các hộ dân");
        await Assertions.Expect(page.GetByTestId("plan-steps")).ToContainTextAsync("Nguyễn Thanh Tra");
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"), "the plan page scrolls sideways on a phone");

        await page.GotoAsync("/Cases/LongRunning");
        var row = page.Locator($"tr[data-case='{number}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-hotspot", "true");
        await Assertions.Expect(row).ToContainTextAsync("1 bước chưa xong, 0 bước quá hạn");
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"), "the register scrolls sideways on a phone");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
