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

    /// <summary>The authenticator key the set-up page shows (as the page writes it: groups, lower case).</summary>
    public static string AuthenticatorKeyOn(string html)
    {
        var match = AuthenticatorKey().Match(html);
        Assert.True(match.Success, "no authenticator key on the page");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("data-testid=\"two-factor-key\">([a-z2-7 ]+)<")]
    private static partial Regex AuthenticatorKey();

    /// <summary>Sets up the signed-in account's authenticator as its owner would; returns the key the app holds.</summary>
    public static async Task<string> EnrolAuthenticatorAsync(this HttpClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var setup = new Uri("Account/TwoFactor", UriKind.Relative);
        var key = AuthenticatorKeyOn(await client.GetStringAsync(setup, cancellationToken));
        await PostCodeAsync(client, setup, new Uri("Account/TwoFactor?handler=Enable", UriKind.Relative), Authenticator.CodeFor(key), cancellationToken);
        return key;
    }

    /// <summary>Both steps: the password, then the authenticator's current code for <paramref name="key"/>.</summary>
    public static async Task SignInWithCodeAsync(this HttpClient client, string userName, string password, string key, CancellationToken cancellationToken)
    {
        await client.SignInAsync(userName, password, cancellationToken);
        var step = new Uri("Account/TwoFactorSignIn", UriKind.Relative);
        using var response = await PostCodeAsync(client, step, step, Authenticator.CodeFor(key), cancellationToken);
        var signedIn = response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            || response.RequestMessage?.RequestUri?.AbsolutePath.EndsWith("/Account/TwoFactorSignIn", StringComparison.Ordinal) == false;
        Assert.True(signedIn, $"the code step of {userName} failed: {(int)response.StatusCode}");
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, Uri form, Uri target, string code, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code,
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(form, cancellationToken),
        });
        var response = await client.PostAsync(target, content, cancellationToken);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{target} answered {(int)response.StatusCode}");
        return response;
    }

    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        // By name rather than label: the same in Vietnamese and in English.
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }
}
