using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>Opening the header's task groups as a person would: the phone's menu button first when it shows.</summary>
internal static class StaffMenu
{
    /// <summary>Opens <paramref name="group"/> (e.g. "Reception") and waits until its links show.</summary>
    public static async Task OpenAsync(IPage page, string group)
    {
        // nav.js marks the document once it has folded the menus: before that a click could race the folding.
        await page.Locator("html.nav-js").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var toggle = page.GetByTestId("nav-toggle");
        if (await toggle.IsVisibleAsync() && await toggle.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggle.ClickAsync();
        }

        var button = page.GetByTestId("nav-group-" + group);
        if (await button.GetAttributeAsync("aria-expanded") != "true")
        {
            await button.ClickAsync();
        }

        await Assertions.Expect(page.Locator("#nav-menu-" + group)).ToBeVisibleAsync();
    }

    /// <summary>Opens <paramref name="group"/> and follows its link <paramref name="linkTestId"/>.</summary>
    public static async Task GoAsync(IPage page, string group, string linkTestId)
    {
        await OpenAsync(page, group);
        await page.GetByTestId(linkTestId).ClickAsync();
    }
}
