using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// A citizen who cannot use a mouse or a touch screen books with the keyboard alone: the skip link, the calendar, every
/// field of the form, the slot, the consent tick and the button, each showing where the focus is. The clock is fixed
/// at Friday 27 Nov 2026, 08:00 in Hanoi, as in <see cref="BookingFlowTests"/>.
/// </summary>
public sealed class KeyboardPathTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "kbd-" + Guid.NewGuid().ToString("N")[..8]))
            .WithClock(WardTestDays.FridayMorning());
        _baseAddress = _app.StartOnSocket();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CitizenBooksWithTheKeyboardOnly_FocusAlwaysVisible(bool phone)
    {
        await using var context = await browser.NewContextAsync(_baseAddress, phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Calendar?month=2026-12");

        // The first Tab offers the way past the header; following it puts the focus in the page's content.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("skip-link")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("skip-link")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();

        await page.TabToAsync(page.GetByTestId("book-2026-12-03"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Booking?**");

        // The slots are one radio group: Tab enters it, the arrow keys choose, Space ticks the first.
        await page.TabToAsync(page.GetByLabel("07:30"));
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByLabel("07:50")).ToBeCheckedAsync();

        await TypeIntoAsync(page, "Họ và tên", "Lê Thị Bình");
        await TypeIntoAsync(page, "Số định danh cá nhân (CCCD, 12 số)", "001190012345");
        await TypeIntoAsync(page, "Số điện thoại", "0987 654 321");
        await TypeIntoAsync(page, "Địa chỉ", "Tổ 5, phường Đào Viên");

        var kind = page.GetByLabel("Loại vụ việc");
        await page.TabToAsync(kind);
        for (var i = 0; i < 6 && await kind.InputValueAsync() != "Petition"; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(kind).ToHaveValueAsync("Petition");
        await TypeIntoAsync(page, "Tóm tắt nội dung", "Đề nghị sửa chữa đường ngõ 12.");

        await page.TabToAsync(page.GetByLabel("Tôi đã đọc và đồng ý"));
        await page.Keyboard.PressAsync("Space");
        await page.TabToAsync(page.GetByTestId("booking-submit"));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("booking-code")).ToBeVisibleAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<SchedulingDbContext>().Bookings.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Lê Thị Bình", stored.FullName);
        Assert.Equal(new TimeOnly(7, 50), stored.SlotStart);

        // The receipt's copy button is reachable and answers in words, for a screen reader too.
        await page.TabToAsync(page.GetByTestId("booking-copy-link"));
        await Assertions.Expect(page.GetByTestId("booking-copy-link")).ToBeFocusedAsync();
    }

    private static async Task TypeIntoAsync(IPage page, string label, string text)
    {
        await page.TabToAsync(page.GetByLabel(label));
        await page.Keyboard.TypeAsync(text);
    }
}
