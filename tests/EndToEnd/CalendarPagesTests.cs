using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>The calendar page (month and list), the JSON API and the iCalendar feed show the same days; staff pages drive ad-hoc days, moves and meetings.</summary>
public sealed partial class CalendarPagesTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-" + Guid.NewGuid().ToString("N")[..8]))
            .WithClock(WardTestDays.FridayMorning());
        _baseAddress = _app.StartOnSocket();
        await _app.CreateStaffAsync("vanphong", "Staff-pass-2026", "Phạm Văn Phòng", TestRoles.Staff);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CalendarPage_AfterAdHocAndMove_MonthListApiAndIcsAgree()
    {
        await using var office = await browser.NewContextAsync(_baseAddress);
        var staff = await office.NewPageAsync();
        await staff.SignInAsync("vanphong", "Staff-pass-2026");
        await staff.GotoAsync("/Office/Days");
        await staff.Locator("details summary").ClickAsync();
        await staff.Locator("form[action*=Add] input[name=date]").FillAsync("08/12/2026");
        await staff.Locator("form[action*=Add] input[name=reason]").FillAsync("Dân phản ánh ngập úng khu tập thể");
        await staff.GetByTestId("adhoc-submit").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("office-message")).ToBeVisibleAsync();
        var row = staff.Locator("tr[data-date='2026-12-17']");
        await row.Locator("form[action*=Move] input[name=date]").FillAsync("18/12/2026");
        await row.Locator("form[action*=Move] input[name=reason]").FillAsync("Chủ tịch dự hội nghị");
        await row.Locator("form[action*=Move] button").ClickAsync();
        await Assertions.Expect(staff.Locator("tr[data-date='2026-12-18']")).ToContainTextAsync("17/12/2026");

        await using var phone = await browser.NewContextAsync(_baseAddress, phone: true);
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync("/Calendar?month=2026-12");
        var month = await ReadDaysAsync(citizen);
        // The count after "Đăng ký" is the places left, and says so (it read as people already registered).
        await Assertions.Expect(citizen.GetByTestId("book-2026-12-03")).ToHaveTextAsync(new Regex(@"^Đăng ký — còn \d+ chỗ$"));
        await citizen.GetByTestId("cal-list-view").ClickAsync();
        var list = await ReadDaysAsync(citizen);

        using var http = new HttpClient { BaseAddress = _baseAddress };
        var api = (await http.GetFromJsonAsync<JsonElement[]>("api/calendar/reception-days?from=2026-12-01&to=2026-12-31", TestContext.Current.CancellationToken))!
            .Select(d => $"{d.GetProperty("date").GetString()} {d.GetProperty("start").GetString()}-{d.GetProperty("end").GetString()} {d.GetProperty("kind").GetString()} {d.GetProperty("movedFrom").GetString()}")
            .ToList();
        var ics = await http.GetStringAsync(new Uri("calendar.ics?from=2026-12-01&to=2026-12-31", UriKind.Relative), TestContext.Current.CancellationToken);
        var icsStarts = IcsStart().Matches(ics).Select(m => DateTime.ParseExact(m.Groups[1].Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture).AddHours(7).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Order().ToList();

        Assert.Equal(
        [
            "2026-12-03 07:30-11:30 regular ", "2026-12-08 07:30-11:30 adhoc ", "2026-12-10 07:30-11:30 regular ",
            "2026-12-18 07:30-11:30 regular 2026-12-17", "2026-12-24 07:30-11:30 regular ", "2026-12-31 07:30-11:30 regular ",
        ], api);
        Assert.Equal(api, month);
        Assert.Equal(api, list);
        Assert.Equal(api.Select(a => a[..16]), icsStarts);
    }

    [Fact]
    public async Task MeetingsPage_OnReceptionDayRefused_AdHocDayOverMeetingFlagsIt()
    {
        var chairman = await _app.CreateStaffAsync("chutich", "Chairman-pass-2026", "Nguyễn Văn Chủ Tịch", TestRoles.Chairman);
        await using var office = await browser.NewContextAsync(_baseAddress);
        var staff = await office.NewPageAsync();
        await staff.SignInAsync("vanphong", "Staff-pass-2026");
        // The default rule names the Chairman role; publishing after the account exists assigns it.
        await staff.GotoAsync("/Office/Rules");
        await staff.GetByTestId("rules-publish").ClickAsync();

        await staff.GotoAsync("/Office/Meetings");
        await AddMeetingAsync(staff, chairman, "Họp giao ban", "21/01/2027", "09:00", "10:00");
        await Assertions.Expect(staff.GetByTestId("office-error")).ToContainTextAsync("Trùng lịch tiếp công dân ngày 21/01/2027");

        await AddMeetingAsync(staff, chairman, "Làm việc với Sở Xây dựng", "26/01/2027", "08:00", "09:00");
        await Assertions.Expect(staff.GetByTestId("office-message")).ToBeVisibleAsync();
        await staff.GotoAsync("/Office/Days");
        await staff.Locator("details summary").ClickAsync();
        await staff.Locator("form[action*=Add] input[name=date]").FillAsync("26/01/2027");
        await staff.Locator("form[action*=Add] select[name=official]").SelectOptionAsync(chairman.ToString());
        await staff.Locator("form[action*=Add] input[name=reason]").FillAsync("Đối thoại với hộ dân dự án");
        await staff.GetByTestId("adhoc-submit").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("office-message")).ToBeVisibleAsync();

        await staff.GotoAsync("/Office/Meetings");
        await Assertions.Expect(staff.GetByTestId("meeting-flagged")).ToHaveCountAsync(1);
        await Assertions.Expect(staff.Locator("tr[data-flagged=true]")).ToContainTextAsync("Làm việc với Sở Xây dựng");
    }

    [Fact]
    public async Task SubstitutePage_OnAPhone_HandsTheDayToTheViceChairman_CalendarShowsInPlaceOf()
    {
        await _app.CreateStaffAsync("chutich", "Chairman-pass-2026", "Nguyễn Văn Chủ Tịch", TestRoles.Chairman);
        var vice = await _app.CreateStaffAsync("phochutich", "Vice-pass-2026", "Trần Thị Phó", TestRoles.ViceChairman);
        await using var office = await browser.NewContextAsync(_baseAddress, phone: true);
        var staff = await office.NewPageAsync();
        await staff.SignInAsync("vanphong", "Staff-pass-2026");
        await staff.GotoAsync("/Office/Rules");
        await staff.GetByTestId("rules-publish").ClickAsync();

        await staff.GotoAsync("/Office/Days");
        await staff.Locator("tr[data-date='2026-12-03']").GetByTestId("day-hand-over").ClickAsync();
        var card = staff.GetByTestId("substitute-day");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.GetByTestId("substitute-current")).ToHaveTextAsync("Nguyễn Văn Chủ Tịch");
        await card.GetByTestId("substitute-official").SelectOptionAsync(vice.ToString());
        await card.GetByTestId("substitute-reason").FillAsync("Chủ tịch bị ốm");
        await card.GetByTestId("substitute-submit").ClickAsync();

        await Assertions.Expect(staff.GetByTestId("substitute-message")).ToContainTextAsync("Đã giao ngày tiếp 03/12/2026 cho Trần Thị Phó chủ trì");
        await Assertions.Expect(staff.GetByTestId("substitute-current")).ToHaveTextAsync("Trần Thị Phó (thay Nguyễn Văn Chủ Tịch)");
        // Fits a 390-px phone: nothing wider than the screen.
        Assert.True(await staff.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the hand-over page scrolls sideways on a phone");

        await using var phone = await browser.NewContextAsync(_baseAddress, phone: true);
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync("/Calendar?month=2026-12");
        await Assertions.Expect(citizen.Locator(".reception-day[data-date='2026-12-03']")).ToContainTextAsync("Trần Thị Phó (thay Nguyễn Văn Chủ Tịch)");
        await Assertions.Expect(citizen.Locator(".reception-day[data-date='2026-12-10']")).ToContainTextAsync("Nguyễn Văn Chủ Tịch");
        await Assertions.Expect(citizen.Locator(".reception-day[data-date='2026-12-10']")).Not.ToContainTextAsync("thay");
    }

    private static async Task AddMeetingAsync(IPage page, Guid official, string title, string date, string start, string end)
    {
        var form = page.GetByTestId("meeting-form");
        await form.Locator("select[name=official]").SelectOptionAsync(official.ToString());
        await form.Locator("input[name=title]").FillAsync(title);
        await form.Locator("input[name=date]").FillAsync(date);
        await form.Locator("input[name=start]").FillAsync(start);
        await form.Locator("input[name=end]").FillAsync(end);
        await page.GetByTestId("meeting-submit").ClickAsync();
    }

    private static async Task<List<string>> ReadDaysAsync(IPage page)
    {
        var days = new List<string>();
        foreach (var day in await page.Locator(".reception-day").AllAsync())
        {
            days.Add($"{await day.GetAttributeAsync("data-date")} {await day.GetAttributeAsync("data-start")}-{await day.GetAttributeAsync("data-end")} {await day.GetAttributeAsync("data-kind")} {await day.GetAttributeAsync("data-moved-from")}");
        }

        return days;
    }

    [GeneratedRegex(@"DTSTART:(\d{8}T\d{6}Z)")]
    private static partial Regex IcsStart();
}
