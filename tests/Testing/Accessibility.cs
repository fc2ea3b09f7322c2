using System.Text.Json;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// axe-core (npm, tests/EndToEnd/axe) run inside the page as it is. It is added to a browser context as an init
/// script, which the pages' strict CSP does not govern, so the pages are checked with their real policy.
/// </summary>
public static class Accessibility
{
    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "tests", "EndToEnd", "axe", "node_modules", "axe-core", "axe.min.js");

    /// <summary>Makes axe available on every page the context opens from now on.</summary>
    public static async Task EnableAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!File.Exists(AxeScript))
        {
            throw new FileNotFoundException("axe-core is missing: run scripts/test-libs.sh (./test.sh does)", AxeScript);
        }

        await context.AddInitScriptAsync(script: await File.ReadAllTextAsync(AxeScript));
    }

    /// <summary>The serious and critical violations on the page now, one line each (rule, help, first elements).</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        const string Script = """
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} [${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}]`));
            }
            """;
        return JsonSerializer.Deserialize<List<string>>(await page.EvaluateAsync<string>(Script)) ?? [];
    }

    /// <summary>Fails with every serious or critical violation on the page, named with the page's address.</summary>
    public static async Task ExpectNoSeriousViolationsAsync(IPage page)
    {
        var found = await SeriousViolationsAsync(page);
        Xunit.Assert.True(found.Count == 0, $"{page.Url}:\n" + string.Join('\n', found));
    }
}
