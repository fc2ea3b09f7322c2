using DaoVien.OnlineReception.Testing;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Dates are typed and shown as dd/MM/yyyy whatever the browser's locale (docs/adr/0094): an en-US browser, whose own
/// date input would read mm/dd/yyyy, types "08/12/2026" and gets 8 December; a date that does not exist is refused
/// beside its field with everything typed kept.
/// </summary>
public sealed class WardDateFormTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
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
    public async Task EnglishBrowser_TypesDayMonthYear_DayFirstIsRead_WrongDateRefusedBesideTheFieldWithValuesKept()
    {
        await using var context = await browser.NewContextAsync(_baseAddress, locale: "en-US");
        var staff = await context.NewPageAsync();
        Assert.Equal("en-US", await staff.EvaluateAsync<string>("() => navigator.language"));
        await staff.SignInAsync("vanphong", "Staff-pass-2026");

        // An ad-hoc day typed day first is 8 December, not 12 August.
        await staff.GotoAsync("/Office/Days");
        await staff.Locator("details summary").ClickAsync();
        var date = staff.Locator("form[action*=Add] input[name=date]");
        Assert.Equal("text", await date.GetAttributeAsync("type"));
        Assert.Equal("dd/mm/yyyy", await date.GetAttributeAsync("placeholder"));
        await date.FillAsync("08/12/2026");
        await staff.Locator("form[action*=Add] input[name=reason]").FillAsync("Dân phản ánh ngập úng khu tập thể");
        await staff.GetByTestId("adhoc-submit").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("office-message")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("tr[data-date='2026-12-08']")).ToContainTextAsync("08/12/2026");
        await Assertions.Expect(staff.Locator("tr[data-date='2026-08-12']")).ToHaveCountAsync(0);

        // The case form shows today as dd/MM/yyyy; 31/02 does not exist: the error sits beside the field, nothing typed is lost.
        await staff.GotoAsync("/Cases/Create");
        var received = staff.Locator("input[name='Input.ReceivedOn']");
        await Assertions.Expect(received).ToHaveValueAsync("27/11/2026");
        await staff.Locator("input[name='Input.SubjectArea']").FillAsync("Đất đai");
        await staff.Locator("textarea[name='Input.Summary']").FillAsync("Tranh chấp ranh giới thửa đất số 12");
        await staff.Locator("input[name='Input.Persons[0].FullName']").FillAsync("Nguyễn Thị Lan");
        await received.FillAsync("31/02/2026");
        await staff.GetByTestId("case-submit").ClickAsync();

        var error = staff.Locator("input[name='Input.ReceivedOn'] + .field-error");
        await Assertions.Expect(error).ToContainTextAsync("31/02/2026");
        Assert.Equal(await error.GetAttributeAsync("id"), await received.GetAttributeAsync("aria-describedby"));
        await Assertions.Expect(received).ToHaveValueAsync("31/02/2026");
        await Assertions.Expect(staff.Locator("input[name='Input.SubjectArea']")).ToHaveValueAsync("Đất đai");
        await Assertions.Expect(staff.Locator("textarea[name='Input.Summary']")).ToHaveValueAsync("Tranh chấp ranh giới thửa đất số 12");
        await Assertions.Expect(staff.Locator("input[name='Input.Persons[0].FullName']")).ToHaveValueAsync("Nguyễn Thị Lan");

        // Corrected, the case is stored with that date.
        await received.FillAsync("20/11/2026");
        await staff.GetByTestId("case-submit").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("case-history")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("body")).ToContainTextAsync("20/11/2026");
    }
}
