using Microsoft.Playwright;
using Xunit;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// Debian's Chromium through Playwright (never a downloaded browser), one per test assembly:
/// <c>[assembly: AssemblyFixture(typeof(BrowserFixture))]</c>. Fake camera and microphone are on; a test that
/// needs specific fake media (a clip file) launches its own browser with <see cref="LaunchAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly IReadOnlyList<string> ChromiumArgs =
    [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        // Headless pages get no real user activation, so Chromium may refuse to play remote audio after a
        // subscription is rebuilt. A real user has tapped the page; when a browser refuses anyway, the call page
        // offers "Bật âm thanh". (Chromium with user-gesture-required did not refuse MediaStream playback of a page
        // that captures the camera, so PhoneCallPageTests makes the page refuse the way phones' browsers do.)
        "--autoplay-policy=no-user-gesture-required",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Playwright has not started");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's 'chromium' package (./test.sh does).");
        }

        // Playwright's 5 s default for expectations is made for fast desktops; on a loaded 2-core CI machine a page
        // that answers through the hub and Janus can take longer. Expectations still fail, just not on load alone.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await LaunchAsync();
    }

    /// <summary>Launches another Chromium, e.g. with <c>--use-file-for-fake-video-capture=clip.y4m</c>.</summary>
    public Task<IBrowser> LaunchAsync(params string[] extraArgs) =>
        Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, .. extraArgs],
        });

    /// <summary>
    /// A fresh context (cookies, storage) with camera and microphone granted, at <paramref name="baseAddress"/>; the
    /// browser's <paramref name="locale"/> (its date display and Accept-Language) is Vietnamese unless a test says otherwise.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, bool phone = false, IBrowser? browser = null, string locale = "vi-VN")
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            TimezoneId = "Asia/Ho_Chi_Minh",
            Permissions = ["camera", "microphone"],
        };
        if (phone)
        {
            options.ViewportSize = new ViewportSize { Width = 390, Height = 844 };
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 3;
        }

        var context = await (browser ?? Browser).NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
