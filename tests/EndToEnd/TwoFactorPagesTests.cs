using DaoVien.OnlineReception.Testing;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>The chairman sets up the second factor on his phone, and signs in with it at the office's desktop.</summary>
public sealed class TwoFactorPagesTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        // null: the shipped default (Admin, Chairman, Inspector), which test apps otherwise switch off.
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-" + Guid.NewGuid().ToString("N")[..8]),
            new Dictionary<string, string?> { ["Accounts:TwoFactorRequiredRoles"] = null });
        _baseAddress = _app.StartOnSocket();
    }

    [Fact]
    public async Task Chairman_OnPhone_ScansOrTypesKey_ThenSignsInWithCodeOnDesktop()
    {
        await _app.CreateStaffAsync("chutich", "Chu-tich-rieng-2026", "Nguyễn Văn Chủ Tịch", TestRoles.Chairman);
        await using var phoneContext = await browser.NewContextAsync(_baseAddress, phone: true);
        var phone = await phoneContext.NewPageAsync();
        await phone.SignInAsync("chutich", "Chu-tich-rieng-2026");

        // Straight to the set-up, whatever page was asked for.
        await phone.GotoAsync("/Console");
        await Assertions.Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/TwoFactor"));
        await Assertions.Expect(phone.GetByTestId("two-factor-required")).ToBeVisibleAsync();
        // The QR code loads under the page's CSP, and the page fits a 390-px screen.
        await Assertions.Expect(phone.GetByTestId("two-factor-qr")).ToBeVisibleAsync();
        Assert.True(await phone.GetByTestId("two-factor-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "QR code image not loaded");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"), "the set-up page scrolls sideways on a phone");

        var key = await phone.GetByTestId("two-factor-key").InnerTextAsync();
        await phone.GetByLabel("Mã xác thực").FillAsync(Authenticator.CodeFor(key));
        await phone.GetByTestId("two-factor-enable").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await phone.GetByTestId("two-factor-continue").ClickAsync();
        await Assertions.Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Console"));
        await StaffMenu.OpenAsync(phone, "Reception");
        await Assertions.Expect(phone.GetByTestId("nav-console")).ToBeVisibleAsync();

        await using var desktopContext = await browser.NewContextAsync(_baseAddress);
        var desktop = await desktopContext.NewPageAsync();
        await desktop.SignInAsync("chutich", "Chu-tich-rieng-2026");
        await Assertions.Expect(desktop).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/TwoFactorSignIn"));
        await desktop.GetByLabel("Mã xác thực").FillAsync(Authenticator.WrongCodeFor(key));
        await desktop.GetByTestId("two-factor-submit").ClickAsync();
        await Assertions.Expect(desktop.GetByTestId("two-factor-errors")).ToContainTextAsync("Mã không đúng");
        await desktop.GetByLabel("Mã xác thực").FillAsync(Authenticator.CodeFor(key));
        await desktop.GetByTestId("two-factor-submit").ClickAsync();
        await StaffMenu.OpenAsync(desktop, "Reception");
        await Assertions.Expect(desktop.GetByTestId("nav-interrupted")).ToBeVisibleAsync();
        await desktop.GotoAsync("/Account/TwoFactor");
        await Assertions.Expect(desktop.GetByTestId("two-factor-state")).ToContainTextAsync("Còn 10 mã dự phòng");
        await Assertions.Expect(desktop.GetByTestId("two-factor-disable")).ToHaveCountAsync(0);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
