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
