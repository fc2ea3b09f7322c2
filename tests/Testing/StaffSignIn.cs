using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace DaoVien.OnlineReception.Testing;

/// <summary>Signing staff in through the real sign-in page, as a person would.</summary>
public static partial class StaffSignIn
{
    /// <summary>Signs an HTTP client in through the sign-in form; its cookie container then carries the session.</summary>
    public static async Task SignInAsync(this HttpClient client, string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var login = new Uri("Account/Login", UriKind.Relative);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(login, cancellationToken),
        });
        using var response = await client.PostAsync(login, form, cancellationToken);
        // Signed in: redirected away from the form (followed or not); a failed sign-in shows the form again with 200.
        var signedIn = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            || (response.IsSuccessStatusCode && response.RequestMessage?.RequestUri?.AbsolutePath.EndsWith("/Account/Login", StringComparison.Ordinal) == false);
        Assert.True(signedIn, $"sign-in of {userName} failed: {(int)response.StatusCode}");
    }

    /// <summary>The antiforgery token of the form <paramref name="page"/> shows to this client.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, Uri page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(page, cancellationToken);
        var match = TokenField().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }
}
