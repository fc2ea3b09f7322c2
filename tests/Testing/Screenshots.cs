using Microsoft.Playwright;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// The README's pictures of the main screens, taken by the end-to-end tests that already open them with real data
/// (scripts/screenshots.sh sets <see cref="DirectoryVariable"/>). In an ordinary test run the variable is unset and
/// nothing is written.
/// </summary>
public static class Screenshots
{
    public const string DirectoryVariable = "SCREENSHOTS_DIR";

    /// <summary>Saves the page as <c>{name}-phone.jpg</c> or <c>{name}-desktop.jpg</c> when screenshots are asked for.</summary>
    /// <param name="page">The page, loaded and settled.</param>
    /// <param name="name">The screen's file name, e.g. "booking".</param>
    /// <param name="phone">Whether the page's context is the 390-px phone.</param>
    /// <param name="fullPage">The whole page (desktop default) or what the screen shows (phone default, and a call).</param>
    public static async Task SaveAsync(IPage page, string name, bool phone, bool? fullPage = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(directory, $"{name}-{(phone ? "phone" : "desktop")}.jpg"),
            Type = ScreenshotType.Jpeg,
            Quality = 65,
            Scale = ScreenshotScale.Css,
            FullPage = fullPage ?? !phone,
            Animations = ScreenshotAnimations.Disabled,
        });
    }
}
