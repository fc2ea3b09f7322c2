using Microsoft.Playwright;

namespace DaoVien.OnlineReception.Testing;

/// <summary>Signing staff in through the real sign-in page, as a person would.</summary>
public static class StaffSignIn
{
    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }
}
