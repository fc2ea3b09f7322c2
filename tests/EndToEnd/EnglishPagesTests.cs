using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Testing;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// The English set a person can switch to (issue 13, item 5): Vietnamese by default even in a browser that asks for
/// English; the footer's switch turns every page into English — no Vietnamese left but names and data — and back.
/// The clock is fixed at Friday 27 Nov 2026, 08:00 in Hanoi, as in <see cref="BookingFlowTests"/>.
/// </summary>
public sealed partial class EnglishPagesTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private const string ChairmanName = "Nguyễn Văn Chủ Tịch";
    private ReceptionAppFactory _app = null!;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "en-" + Guid.NewGuid().ToString("N")[..8]))
            .WithClock(WardTestDays.FridayMorning());
        _baseAddress = _app.StartOnSocket();
        await _app.CreateStaffAsync("chutich", "Chu-tich-2026", ChairmanName, TestRoles.Chairman);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CitizenOnAnEnglishPhone_GetsVietnamese_SwitchesToEnglish_EveryPublicPageInEnglish_AndBack()
    {
        await using var context = await browser.NewContextAsync(_baseAddress, phone: true, locale: "en-US");
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Calendar?month=2026-12");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi");

        await page.GetByTestId("language-en").ClickAsync();
        await page.WaitForURLAsync("**/Calendar?month=2026-12");
        var leaks = new List<string>();
        await ExpectEnglishAsync(page, leaks);
        await page.GetByTestId("book-2026-12-03").ClickAsync();
        await Assertions.Expect(page.GetByTestId("booking-form")).ToBeVisibleAsync();
        await ExpectEnglishAsync(page, leaks);
        // A mistake's sentence comes from the booking service's own messages: English too.
        await page.GetByTestId("booking-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("booking-error")).ToBeVisibleAsync();
        await ExpectEnglishAsync(page, leaks);
        foreach (var path in new[] { "/", "/Booking/Status", "/Results", "/Account/Login" })
        {
            await page.GotoAsync(path);
            await ExpectEnglishAsync(page, leaks);
        }

        Assert.True(leaks.Count == 0, "Vietnamese left on English pages:\n" + string.Join('\n', leaks));

        await page.GetByTestId("language-vi").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        await Assertions.Expect(page.GetByTestId("language-en")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ChairmanInEnglish_StaffPagesInEnglish()
    {
        await using var context = await browser.NewContextAsync(_baseAddress);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByTestId("language-en").ClickAsync();
        await page.SignInAsync("chutich", "Chu-tich-2026");
        var leaks = new List<string>();
        foreach (var path in new[] { "/", "/Console", "/Cases", "/Cases/Dashboard", "/Cases/Receptions", "/Cases/Report", "/Office/Bookings", "/Office/Days", "/Recordings" })
        {
            await page.GotoAsync(path);
            await ExpectEnglishAsync(page, leaks);
        }

        Assert.True(leaks.Count == 0, "Vietnamese left on English pages:\n" + string.Join('\n', leaks));

        // The reception book and the quarterly report as files are the ward's documents: Vietnamese all the same.
        var book = await page.APIRequest.GetAsync("/Cases/Receptions?handler=Csv");
        Assert.True(book.Ok, $"book export answered {book.Status}");
        Assert.Contains("Họ tên – địa chỉ", await book.TextAsync(), StringComparison.Ordinal);
        var report = await page.APIRequest.GetAsync("/Cases/Report?handler=Csv");
        Assert.True(report.Ok, $"report export answered {report.Status}");
        Assert.Contains("\"Kỳ báo cáo\"", await report.TextAsync(), StringComparison.Ordinal);
    }

    /// <summary>The page is marked English, has no serious axe violation, and its visible words are English but for names and data.</summary>
    private async Task ExpectEnglishAsync(IPage page, List<string> leaks)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        var text = await page.Locator("body").InnerTextAsync();
        // Names and data stay as they are: the published days' presiding official and place (as the ward wrote them),
        // the chairman's name, the ward, decree numbers, and the switch back to Vietnamese.
        foreach (var kept in new[] { "Chủ tịch UBND phường", "Phòng tiếp công dân, trụ sở UBND phường Đào Viên", ChairmanName, "Đào Viên", "NĐ-CP", "Tiếng Việt" })
        {
            text = text.Replace(kept, "", StringComparison.Ordinal);
        }

        var words = VietnameseWord().Matches(text).Select(m => m.Value).Distinct().ToList();
        if (words.Count > 0)
        {
            leaks.Add($"{new Uri(page.Url).PathAndQuery}: {string.Join(' ', words.Take(20))}");
        }
    }

    [GeneratedRegex(@"\w*[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]\w*", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseWord();
}
