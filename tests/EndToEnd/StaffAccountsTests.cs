using DaoVien.OnlineReception.Testing;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

public sealed class StaffAccountsTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _baseAddress = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-" + Guid.NewGuid().ToString("N")[..8]));
        _baseAddress = _app.StartOnSocket();
    }

    [Fact]
    public async Task GeneratedAdmin_CreatesChairman_ChairmanSignsInAndSeesPresidingNavigation()
    {
        await using var adminContext = await browser.NewContextAsync(_baseAddress);
        var admin = await adminContext.NewPageAsync();
        var generated = _app.ReadInitialAdminPassword();
        await admin.SignInAsync("admin", generated);

        // The generated password must be replaced before any page opens; then its copy on disk is gone.
        await Assertions.Expect(admin.GetByTestId("password-required")).ToBeVisibleAsync();
        await admin.GotoAsync("/Admin/Staff");
        await Assertions.Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Password"));
        await ChangePasswordAsync(admin, generated, "Quan-tri-2026!");
        Assert.False(File.Exists(Path.Combine(_app.DataDirectory, "initial-admin.txt")));
        await StaffMenu.GoAsync(admin, "Admin", "nav-admin-staff");
        await admin.GetByTestId("staff-create").ClickAsync();
        await admin.GetByLabel("Tên đăng nhập").FillAsync("chutich");
        await admin.GetByLabel("Họ và tên").FillAsync("Nguyễn Văn Chủ Tịch");
        await admin.GetByLabel("Chức vụ").FillAsync("Chủ tịch UBND phường");
        await admin.GetByLabel("Mật khẩu ban đầu").FillAsync("Ch@irman-2026");
        await admin.GetByLabel("Chủ tịch", new() { Exact = true }).CheckAsync();
        await admin.GetByTestId("staff-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("staff-message")).ToContainTextAsync("chutich");
        await Assertions.Expect(admin.Locator("tr[data-user=chutich]")).ToContainTextAsync("Chủ tịch");

        await using var chairmanContext = await browser.NewContextAsync(_baseAddress, phone: true);
        var chairman = await chairmanContext.NewPageAsync();
        await chairman.SignInAsync("chutich", "Ch@irman-2026");
        // The admin knows the password they typed: the chairman replaces it at first sign-in.
        await Assertions.Expect(chairman.GetByTestId("password-required")).ToBeVisibleAsync();
        await ChangePasswordAsync(chairman, "Ch@irman-2026", "Chu-tich-rieng-2026");
        await StaffMenu.OpenAsync(chairman, "Reception");
        await Assertions.Expect(chairman.GetByTestId("nav-interrupted")).ToBeVisibleAsync();
        await Assertions.Expect(chairman.GetByTestId("nav-admin-staff")).ToHaveCountAsync(0);

        // A chairman is not an admin: the account pages stay closed.
        var response = await chairman.GotoAsync("/Admin/Staff");
        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task WrongPasswordFiveTimes_LocksTheAccount_EvenForTheRightPassword()
    {
        await _app.CreateStaffAsync("canbo1", "Right-pass-2026", "Trần Thị Cán Bộ", TestRoles.Staff);
        await using var context = await browser.NewContextAsync(_baseAddress);
        var page = await context.NewPageAsync();

        for (var i = 0; i < 5; i++)
        {
            await page.SignInAsync("canbo1", "wrong-password");
        }

        await page.SignInAsync("canbo1", "Right-pass-2026");
        await Assertions.Expect(page.GetByTestId("login-errors")).ToContainTextAsync("tạm khóa");
        await Assertions.Expect(page.GetByTestId("nav-signin")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DisabledAccount_CannotSignIn()
    {
        await _app.CreateStaffAsync("canbo2", "Right-pass-2026", "Lê Văn B", TestRoles.Staff);
        await using var adminContext = await browser.NewContextAsync(_baseAddress);
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync("admin", _app.ReadInitialAdminPassword());
        await ChangePasswordAsync(admin, _app.ReadInitialAdminPassword(), "Quan-tri-2026!");
        await admin.GotoAsync("/Admin/Staff");
        await admin.Locator("tr[data-user=canbo2]").GetByRole(AriaRole.Button, new() { Name = "Vô hiệu hóa" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr[data-user=canbo2]")).ToContainTextAsync("Đã vô hiệu hóa");

        await using var context = await browser.NewContextAsync(_baseAddress);
        var page = await context.NewPageAsync();
        await page.SignInAsync("canbo2", "Right-pass-2026");
        await Assertions.Expect(page.GetByTestId("login-errors")).ToContainTextAsync("không đúng");
    }

    [Fact]
    public async Task StaffForm_PostWithoutAntiforgeryToken_IsRejected()
    {
        using var client = new HttpClient { BaseAddress = _baseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "admin", ["Input.Password"] = "x" });
        using var response = await client.PostAsync(new Uri("Account/Login", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)response.StatusCode);
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.GetByLabel("Mật khẩu hiện tại").FillAsync(current);
        await page.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("Nhập lại mật khẩu mới").FillAsync(next);
        await page.GetByTestId("password-submit").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Password"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
