using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Staff screens on a 390-px phone and a desktop (issue 13, item 6): the header's task groups, the home page of each
/// role with its empty states, the calendar's list view in columns and phone tables that say what each cell is.
/// </summary>
public sealed class StaffScreensTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private const string ChairmanPassword = "Chu-tich-2026";
    private const string ClerkPassword = "Can-bo-2026";
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;
    private Guid _chairman;
    private Guid _clerk;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "staff-screens-" + Guid.NewGuid().ToString("N")[..8]));
        _base = _app.StartOnSocket();
        _chairman = await _app.CreateStaffAsync("chutich", ChairmanPassword, "Nguyễn Văn Chủ Tịch", TestRoles.Chairman);
        _clerk = await _app.CreateStaffAsync("canbo", ClerkPassword, "Trần Thị Cán Bộ", TestRoles.Staff);
        await _app.CreateStaffAsync("canbo.moi", ClerkPassword, "Lê Văn Mới", TestRoles.Staff);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChairmanMenu_OpenedWithTheKeyboard_ShowsOnlyPagesHeMayOpen(bool phone)
    {
        await using var context = await browser.NewContextAsync(_base, phone);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync("chutich", ChairmanPassword);
        await page.Locator("html.nav-js").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        var toggle = page.GetByTestId("nav-toggle");
        Assert.Equal(phone, await toggle.IsVisibleAsync());
        if (phone)
        {
            await Assertions.Expect(page.GetByTestId("nav-group-Reception")).Not.ToBeVisibleAsync();
            await toggle.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        }

        // A group is a button, not a link: Enter opens it, Escape closes it and leaves the focus on it.
        var reception = page.GetByTestId("nav-group-Reception");
        Assert.Equal("BUTTON", await reception.EvaluateAsync<string>("b => b.tagName"));
        await Assertions.Expect(page.Locator("#nav-menu-Reception")).Not.ToBeVisibleAsync();
        await reception.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(reception).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.GetByTestId("nav-console")).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(reception).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.GetByTestId("nav-console")).Not.ToBeVisibleAsync();
        Assert.True(await reception.EvaluateAsync<bool>("b => document.activeElement === b"));

        // Space opens another group and closes the first.
        var calendar = page.GetByTestId("nav-group-Calendar");
        await calendar.FocusAsync();
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(page.GetByTestId("nav-office-days")).ToBeVisibleAsync();

        // A chairman is no administrator; and every page his menu offers opens for him.
        await Assertions.Expect(page.GetByTestId("nav-admin-staff")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-access-log")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-recordings-access")).ToHaveCountAsync(0);
        var links = await page.Locator(".nav-links a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Contains("/Console", links);
        Assert.Contains("/Cases/Report", links);
        foreach (var href in links)
        {
            var response = await page.GotoAsync(href);
            Assert.True(response is { Ok: true }, $"{href} answered {response?.Status} to the chairman");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ClerkHome_ListsHerDueCase_AnotherClerkSeesWhatToDoNext(bool phone)
    {
        var number = await CreateAssignedComplaintAsync(_clerk, receivedDaysAgo: 12);

        await using var context = await browser.NewContextAsync(_base, phone);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync("canbo", ClerkPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Việc hôm nay" })).ToBeVisibleAsync();
        var row = page.GetByTestId("home-due-list").Locator($"tr[data-case='{number}']");
        await Assertions.Expect(row).ToContainTextAsync("Khiếu nại");
        await Assertions.Expect(page.GetByTestId("home-pending-empty")).ToContainTextAsync("Không có lượt đăng ký nào đang chờ xác nhận");
        await Assertions.Expect(page.GetByTestId("home-pending-empty").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/Office/Bookings");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // On a phone the row is a card whose cells carry their column's name; on a desktop the header row does that.
        var label = await row.Locator("td").First.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content");
        if (phone)
        {
            Assert.Contains("Số hồ sơ", label, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByTestId("home-due-list").Locator("thead")).Not.ToBeVisibleAsync();
        }
        else
        {
            Assert.Equal("none", label);
        }

        await using var otherContext = await browser.NewContextAsync(_base, phone);
        var other = await otherContext.NewPageAsync();
        await other.SignInAsync("canbo.moi", ClerkPassword);
        await Assertions.Expect(other.GetByTestId("home-due-empty")).ToContainTextAsync("Không có hồ sơ nào quá hạn hoặc đến hạn");
        await Assertions.Expect(other.GetByTestId("home-due-empty").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/Cases");
        await Assertions.Expect(other.GetByTestId("home-due")).Not.ToContainTextAsync(number);
        await other.GotoAsync("/Cases/Dashboard");
        await Assertions.Expect(other.GetByTestId("overdue-empty")).ToBeVisibleAsync();
        await Assertions.Expect(other.GetByTestId("due-soon-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PhoneCaseList_CellsLabelledWithTheirColumn()
    {
        var number = await CreateAssignedComplaintAsync(_clerk, receivedDaysAgo: 1);
        await using var context = await browser.NewContextAsync(_base, phone: true);
        var page = await context.NewPageAsync();
        await page.SignInAsync("canbo", ClerkPassword);
        await page.GotoAsync("/Cases");
        var cell = page.Locator("table.list tbody tr", new() { HasText = number }).Locator("td").First;
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-label", "Số hồ sơ");
        Assert.StartsWith("\"Số hồ sơ", await cell.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarListView_OnADesktop_EachCellUnderItsColumn()
    {
        var dayId = await new ReceptionBookings(_app.Services).OpenDayAsync(_chairman, daysFromToday: 7);
        var date = await _app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<WardClock>().Today.AddDays(7)));
        await using var context = await browser.NewContextAsync(_base);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Calendar?month={date:yyyy-MM}&view=list");
        var row = page.Locator($"tr[data-id='{dayId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();

        var headers = await page.GetByTestId("cal-list").Locator("thead th").AllAsync();
        var cells = await row.Locator("td").AllAsync();
        Assert.Equal(headers.Count, cells.Count);
        var rowBox = (await row.BoundingBoxAsync())!;
        for (var i = 0; i < cells.Count; i++)
        {
            var th = (await headers[i].BoundingBoxAsync())!;
            var td = (await cells[i].BoundingBoxAsync())!;
            Assert.True(Math.Abs(th.X - td.X) < 1 && Math.Abs(th.Width - td.Width) < 1, $"column {i}: header at {th.X}+{th.Width}, cell at {td.X}+{td.Width}");
            Assert.True(Math.Abs(td.Y - rowBox.Y) < 1, $"column {i}: the cell is not on its row's line");
        }

        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EmptyLists_FreshDatabase_EachSaysWhatItHoldsAndOffersTheNextStep(bool phone)
    {
        await using var context = await browser.NewContextAsync(_base, phone);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync("chutich", ChairmanPassword);

        async Task ExpectEmptyAsync(string path, string testId, string text, string? table, string? link, string? linkText)
        {
            await page.GotoAsync(path);
            var empty = page.GetByTestId(testId);
            await Assertions.Expect(empty).ToBeVisibleAsync();
            await Assertions.Expect(empty).ToContainTextAsync(text);
            if (table is not null)
            {
                await Assertions.Expect(page.GetByTestId(table)).ToHaveCountAsync(0);
            }

            if (link is not null)
            {
                var action = empty.GetByRole(AriaRole.Link, new() { Name = linkText });
                await Assertions.Expect(action).ToHaveAttributeAsync("href", link);
            }

            await Accessibility.ExpectNoSeriousViolationsAsync(page);
        }

        await ExpectEmptyAsync("/Cases", "cases-empty", "Chưa có hồ sơ nào", "cases-table", "/Cases/Create", "Nhập đơn nhận qua bưu điện");
        await ExpectEmptyAsync("/Cases?q=kh%C3%B4ng-c%C3%B3", "cases-empty-filtered", "Không có hồ sơ nào khớp", "cases-table", "/Cases", "Xem tất cả hồ sơ");
        await ExpectEmptyAsync("/Office/Bookings", "office-bookings-empty", "Không có lượt đăng ký nào từ ngày", "office-bookings", "/Office/Days", "Xem và mở ngày tiếp công dân");
        await ExpectEmptyAsync("/Cases/Receptions", "book-empty", "Sổ chưa có lượt tiếp công dân nào", "book-table", "/Cases/ReceptionCreate", "Ghi tiếp công dân trực tiếp");
        await ExpectEmptyAsync("/Recordings", "archives-empty", "Chưa có bản ghi nào", "archives", null, null);
        await Assertions.Expect(page.GetByTestId("archive-jobs-empty")).ToContainTextAsync("Không có buổi tiếp nào đang chờ lưu trữ");
        await Assertions.Expect(page.GetByTestId("archive-jobs")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task QuarterlyReport_CasesReceived_ChartNamedByItsFiguresBesideTheTable(bool phone)
    {
        await CreateAssignedComplaintAsync(_clerk, receivedDaysAgo: 0);
        await CreateAssignedComplaintAsync(_clerk, receivedDaysAgo: 0);

        await using var context = await browser.NewContextAsync(_base, phone);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync("chutich", ChairmanPassword);
        await page.GotoAsync("/Cases/Report");

        // The chart is one image to assistive technology, named by the same figures the table lists.
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Đơn tiếp nhận theo loại: Khiếu nại 2" });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-testid", "report-chart");
        await Assertions.Expect(page.GetByTestId("report-table").Locator("tr", new() { HasText = "Khiếu nại" })).ToContainTextAsync("2");
        // The largest figure has the longest bar; the chart fits the screen, phone or desktop.
        var widths = await chart.Locator("rect.chart-bar").EvaluateAllAsync<double[]>("rs => rs.map(r => r.width.baseVal.value)");
        Assert.Equal(widths.Max(), widths[0]);
        var box = (await chart.BoundingBoxAsync())!;
        var viewport = page.ViewportSize!.Width;
        Assert.True(box.X >= 0 && box.X + box.Width <= viewport, $"the chart spans {box.X}–{box.X + box.Width} on a {viewport}-px screen");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // A quarter with nothing in it says so instead of drawing empty bars.
        await page.GotoAsync("/Cases/Report?year=2001&quarter=1");
        await Assertions.Expect(page.GetByTestId("report-chart-empty")).ToContainTextAsync("chưa có số liệu để vẽ biểu đồ");
        await Assertions.Expect(page.GetByTestId("report-chart")).ToHaveCountAsync(0);
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
    }

    private async Task<string> CreateAssignedComplaintAsync(Guid assignee, int receivedDaysAgo) =>
        await _app.WithScopeAsync(async sp =>
        {
            var today = sp.GetRequiredService<WardClock>().Today;
            var (created, file) = await sp.GetRequiredService<CaseRegistry>().CreateAsync(
                new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất", today.AddDays(-receivedDaysAgo),
                    [new ReceptionParticipant("Phạm Văn Khiếu", null, null, null, false)], false, assignee),
                CaseActor.System, TestContext.Current.CancellationToken);
            Assert.True(created.Succeeded, created.Error);
            return file!.Number;
        });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
