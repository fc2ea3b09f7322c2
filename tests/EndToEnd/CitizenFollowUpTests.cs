using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Testing;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Issue 13, item 3: after the session the citizen's status page says they were received, with the outcome, the case
/// number and its deadlines; before it, a lost join link is replaced after the ID number is checked.
/// </summary>
public sealed class CitizenFollowUpTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-fu-" + Guid.NewGuid().ToString("N")[..8]), new Dictionary<string, string?>(janus.Settings));
        _base = _app.StartOnSocket();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SessionEndsWithCaseAccepted_StatusPageOnThePhone_ShowsReceivedOutcomeCaseNumberAndDeadlines()
    {
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.fu");
        await parties.AdmitAsync(acknowledge: false);
        await parties.Chairman.GetByTestId("end-outcome").SelectOptionAsync("1");
        await parties.Chairman.GetByTestId("end-note").FillAsync("Tiếp nhận đơn khiếu nại về ranh giới đất");
        await parties.Chairman.GetByTestId("end-submit").ClickAsync();
        await Assertions.Expect(parties.Citizen.GetByTestId("session-finished")).ToBeVisibleAsync();

        var page = await parties.CitizenContext.NewPageAsync();
        // The case is opened just after both sides are told the session ended: the citizen may have to look again.
        await Eventually.TrueAsync(
            async () =>
            {
                await page.GotoAsync("/Booking/Status?code=" + parties.Booking.Code);
                return await page.GetByTestId("status-case").CountAsync() == 1;
            },
            TimeSpan.FromSeconds(20), "the case opened from the session is on the status page", TestContext.Current.CancellationToken);
        await Assertions.Expect(page.GetByTestId("status-text")).ToHaveTextAsync("Đã được tiếp");
        await Assertions.Expect(page.GetByTestId("status-outcome")).ToHaveTextAsync("Đơn đã được tiếp nhận để giải quyết");
        await Assertions.Expect(page.GetByTestId("status-case-number")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{5}$"));
        await Assertions.Expect(page.GetByTestId("status-case-status")).ToHaveTextAsync("Đã tiếp nhận");
        await Assertions.Expect(page.GetByTestId("status-deadlines")).ToContainTextAsync(new Regex(@"\d{2}/\d{2}/\d{4}"));
        // Nothing of the matter itself, and no new link to a reception that has happened.
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("ranh giới");
        await Assertions.Expect(page.GetByTestId("status-reissue")).ToHaveCountAsync(0);
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task LostLink_WrongNumberExplainedBesideTheField_RightNumberGivesANewLinkThatOpensTheLobby()
    {
        var chairman = await _app.CreateStaffAsync("chutich.link", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var booked = await new ReceptionBookings(_app.Services).BookTodayAsync(chairman);
        await using var context = await browser.NewContextAsync(_base, phone: true);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Booking/Status");
        await page.GetByLabel("Mã đăng ký").FillAsync(booked.Code.ToLowerInvariant().Insert(4, " "));
        await page.GetByTestId("status-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-text")).ToHaveTextAsync("Đã xác nhận");

        var field = page.GetByLabel("Số định danh cá nhân (12 chữ số)");
        await field.FillAsync("001089099999");
        await page.GetByTestId("status-reissue-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-reissue-error")).ToContainTextAsync("không khớp");
        await Assertions.Expect(field).ToHaveValueAsync("001089099999");
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        await field.FillAsync("0010 8901 2345");
        await page.GetByTestId("status-reissue-submit").ClickAsync();
        var link = page.GetByTestId("status-join-link");
        await Assertions.Expect(link).ToContainTextAsync("/Reception/Join?t=");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chép đường dẫn" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-new-link")).ToContainTextAsync("Đã chép.");
        Assert.Equal((await link.InnerTextAsync()).Trim(), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // The new link opens the lobby; the one given at booking no longer does.
        var join = await context.NewPageAsync();
        await join.GotoAsync(await link.GetAttributeAsync("href") ?? "");
        Assert.StartsWith("/Reception/Join?t=", await link.GetAttributeAsync("href"), StringComparison.Ordinal);
        await Assertions.Expect(join.GetByTestId("device-ok")).ToBeVisibleAsync();
        await using var other = await browser.NewContextAsync(_base, phone: true);
        var old = await other.NewPageAsync();
        await old.GotoAsync(booked.JoinPath);
        await Assertions.Expect(old.GetByTestId("reception-error")).ToBeVisibleAsync();
    }
}
