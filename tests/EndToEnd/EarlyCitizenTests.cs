using System.Globalization;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>Issue 13, item 2: a citizen who opens the link early sees when the lobby opens and is let in without a reload; the console lists the day's appointments before that.</summary>
public sealed class EarlyCitizenTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private readonly ShiftedTimeProvider _clock = ShiftedTimeProvider.ToWardTime(new TimeOnly(7, 0));
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "early-" + Guid.NewGuid().ToString("N")[..8]),
                new Dictionary<string, string?> { ["Realtime:LobbyDoorPollSeconds"] = "2" })
            .WithServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task EarlyCitizen_OnPhone_SeesOpeningTimeAndCountdown_EntersByThemselvesWhenTheLobbyOpens()
    {
        var chairmanId = await _app.CreateStaffAsync("chutich", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var bookings = new ReceptionBookings(_app.Services);
        var day = await bookings.OpenDayAsync(chairmanId);
        // The seventh slot of five minutes: half an hour from now, so the lobby (15 minutes before) opens in ~15.
        var booking = await bookings.BookAsync(day, 6);
        await SessionTests.OpenLobbyAsync(_app.Services);

        await using var context = await browser.NewContextAsync(_base, phone: true);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(booking.JoinPath);
        await page.GetByTestId("device-ok").ClickAsync();

        var opensAt = booking.SlotStart.AddMinutes(-15);
        await Assertions.Expect(page.GetByTestId("lobby-early")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("lobby-opens")).ToHaveTextAsync(
            string.Create(CultureInfo.InvariantCulture, $"Phòng chờ mở lúc {opensAt:HH:mm} ngày {booking.Date:dd/MM/yyyy}."));
        await Assertions.Expect(page.GetByTestId("lobby-countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Còn 1[3-6] phút \d{1,2} giây\.$"));
        await Assertions.Expect(page.GetByTestId("reception-error")).ToBeHiddenAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(page);
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        // The chairman's console before the lobby opens: today's appointments, not an empty queue alone.
        await using var chairmanContext = await browser.NewContextAsync(_base, phone: true);
        await Accessibility.EnableAsync(chairmanContext);
        var console = await chairmanContext.NewPageAsync();
        await console.SignInAsync("chutich", "Chairman-pass-1");
        await console.GotoAsync("/Console");
        await Assertions.Expect(console.GetByTestId("lobby-opens-at")).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"Phòng chờ mở lúc {opensAt:HH:mm}"));
        var row = console.GetByTestId("appointment-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(booking.Code);
        await Assertions.Expect(row).ToContainTextAsync("Nguyễn Văn Dân");
        await Assertions.Expect(row.GetByTestId("appointment-where")).ToContainTextAsync("Chưa vào phòng chờ");
        await Accessibility.ExpectNoSeriousViolationsAsync(console);

        // The opening time comes (a quarter of an hour in an instant); the minute's sweep opens the door. The page, left alone, goes in.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        var opening = booking.Date.ToDateTime(opensAt);
        _clock.Advance(new DateTimeOffset(opening, zone.GetUtcOffset(opening)) - _clock.GetUtcNow() + TimeSpan.FromSeconds(5));
        await SessionTests.OpenLobbyAsync(_app.Services);
        await Assertions.Expect(page.GetByTestId("lobby-position")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("lobby-early")).ToBeHiddenAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        await console.ReloadAsync();
        await Assertions.Expect(console.GetByTestId("queue-row")).ToHaveCountAsync(1);
        await Assertions.Expect(console.GetByTestId("appointment-where")).ToContainTextAsync("Đang chờ");
        await Assertions.Expect(console.GetByTestId("lobby-opens-at")).ToHaveCountAsync(0);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
