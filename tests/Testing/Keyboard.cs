using Microsoft.Playwright;
using Xunit;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// Driving a page the way a keyboard-only user does: Tab until the wanted control has focus, checking on the way
/// that every control the focus lands on shows it (a ring of at least 2 px, or a shadow, under :focus-visible).
/// </summary>
public static class Keyboard
{
    private const string FocusShown = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return 'nothing';
          const s = getComputedStyle(el);
          const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
          const shadow = s.boxShadow && s.boxShadow !== 'none';
          return ring || shadow ? '' : (el.outerHTML || '').slice(0, 120);
        }
        """;

    /// <summary>Presses Tab until <paramref name="target"/> has focus; fails when it is not reached in <paramref name="maxPresses"/>.</summary>
    /// <param name="page">The page.</param>
    /// <param name="target">The control to reach.</param>
    /// <param name="maxPresses">Tabs allowed before the control counts as unreachable.</param>
    public static async Task TabToAsync(this IPage page, ILocator target, int maxPresses = 60)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(target);
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var unseen = await page.EvaluateAsync<string>(FocusShown);
            Assert.True(unseen.Length == 0 || unseen == "nothing", $"focus is not visible on {unseen}");
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{target} was not reached with {maxPresses} presses of Tab");
    }
}
