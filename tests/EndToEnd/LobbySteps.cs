using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Testing;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>How every session test begins: the citizen checks the devices and waits; the chairman opens the console.</summary>
internal static class LobbySteps
{
    /// <summary>Opens the booking's join link, confirms the devices, and waits until the lobby shows <paramref name="position"/>.</summary>
    public static async Task<IPage> CitizenWaitsAsync(IBrowserContext context, string joinPath, string position = "1")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(joinPath);
        await page.GetByTestId("device-ok").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lobby-position")).ToHaveTextAsync(position);
        return page;
    }

    /// <summary>Sends a chat message from the call page, opening the chat panel first where it is closed (a phone).</summary>
    public static async Task SendChatAsync(IPage page, string message)
    {
        var toggle = page.GetByTestId("chat-toggle");
        if (await toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggle.ClickAsync();
        }

        await page.GetByTestId("chat-input").FillAsync(message);
        await page.GetByTestId("chat-send").ClickAsync();
    }

    /// <summary>Signs in and opens the reception console once its queue shows <paramref name="queued"/> rows.</summary>
    public static async Task<IPage> ConsoleAsync(IBrowserContext context, string userName, string password, int queued)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync(userName, password);
        await page.GotoAsync("/Console");
        await Assertions.Expect(page.GetByTestId("queue-row")).ToHaveCountAsync(queued);
        return page;
    }
}

/// <summary>
/// The start of most session tests: a chairman account, a citizen booked for today waiting in the lobby on a phone,
/// and the chairman at the console with that citizen in the queue; each in their own browser context.
/// </summary>
internal sealed class WaitingCitizen : IAsyncDisposable
{
    private WaitingCitizen(Guid chairmanId, BookedCitizen booking, IBrowserContext citizenContext, IPage citizen, IBrowserContext chairmanContext, IPage chairman)
    {
        ChairmanId = chairmanId;
        Booking = booking;
        CitizenContext = citizenContext;
        Citizen = citizen;
        ChairmanContext = chairmanContext;
        Chairman = chairman;
    }

    public Guid ChairmanId { get; }

    public BookedCitizen Booking { get; }

    public IBrowserContext CitizenContext { get; }

    public IPage Citizen { get; }

    public IBrowserContext ChairmanContext { get; }

    public IPage Chairman { get; }

    /// <remarks>A citizen browser given (e.g. launched with another autoplay policy) replaces the shared Chromium for the citizen.</remarks>
    public static async Task<WaitingCitizen> StartAsync(ReceptionAppFactory app, Uri baseAddress, BrowserFixture browser, string chairmanUserName, string chairmanPassword = "Chairman-pass-1", IBrowser? citizenBrowser = null, Func<IBrowserContext, Task>? prepareCitizen = null)
    {
        var chairmanId = await app.CreateStaffAsync(chairmanUserName, chairmanPassword, "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var booking = await new ReceptionBookings(app.Services).BookTodayAsync(chairmanId);
        await SessionTests.OpenLobbyAsync(app.Services);
        var citizenContext = await browser.NewContextAsync(baseAddress, phone: true, citizenBrowser);
        await Accessibility.EnableAsync(citizenContext);
        if (prepareCitizen is not null)
        {
            await prepareCitizen(citizenContext);
        }

        var citizen = await LobbySteps.CitizenWaitsAsync(citizenContext, booking.JoinPath);
        var chairmanContext = await browser.NewContextAsync(baseAddress);
        await Accessibility.EnableAsync(chairmanContext);
        var chairman = await LobbySteps.ConsoleAsync(chairmanContext, chairmanUserName, chairmanPassword, queued: 1);
        return new WaitingCitizen(chairmanId, booking, citizenContext, citizen, chairmanContext, chairman);
    }

    /// <summary>The chairman admits the citizen; both acknowledge the recording notice when <paramref name="acknowledge"/>.</summary>
    public async Task<Guid> AdmitAsync(bool acknowledge)
    {
        await Chairman.GetByTestId("admit-next").ClickAsync();
        if (acknowledge)
        {
            foreach (var page in new[] { Citizen, Chairman })
            {
                await page.GetByTestId("recording-acknowledge").ClickAsync();
            }
        }

        var session = Citizen.GetByTestId("session");
        await Assertions.Expect(session).ToHaveAttributeAsync("data-session-id", new Regex("^[0-9a-f-]{36}$"));
        return Guid.Parse((await session.GetAttributeAsync("data-session-id"))!);
    }

    public async ValueTask DisposeAsync()
    {
        await CitizenContext.DisposeAsync();
        await ChairmanContext.DisposeAsync();
    }
}
