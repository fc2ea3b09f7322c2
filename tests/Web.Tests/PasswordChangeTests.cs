using System.Net;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>Issue 11, item 10: the generated admin password must be replaced before the API or the hub answer.</summary>
public sealed class PasswordChangeTests(PostgresServer server)
{
    private static readonly Uri Page = new("Account/Password", UriKind.Relative);

    [Fact]
    public async Task GeneratedAdminPassword_ApiAndHubRefuse_WrongCurrentPasswordChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "pw-" + Guid.NewGuid().ToString("N")[..8]));
        var address = app.StartOnSocket();
        var generated = app.ReadInitialAdminPassword();
        using var jar = new CookieJar();
        using var admin = jar.Client(address);
        await admin.SignInAsync("admin", generated, ct);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri("api/bookings", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync(new Uri("hubs/reception/negotiate?negotiateVersion=1", UriKind.Relative), null, ct)).StatusCode);
        using (var redirected = await jar.Client(address, followRedirects: false).GetAsync(new Uri("Admin/Staff", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
            Assert.StartsWith("/Account/Password?returnUrl=", redirected.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var wrong = await ChangeAsync(admin, "not-the-password", "Quan-tri-rieng-2026", "Quan-tri-rieng-2026");
        Assert.Contains("Mật khẩu hiện tại không đúng.", wrong, StringComparison.Ordinal);
        var mismatch = await ChangeAsync(admin, generated, "Quan-tri-rieng-2026", "Quan-tri-rieng-2027");
        Assert.Contains("Hai lần nhập mật khẩu mới không giống nhau.", mismatch, StringComparison.Ordinal);
        // Nothing changed: the file is still there, the generated password still signs in, the API still refuses.
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "initial-admin.txt")));
        using var again = new CookieJar();
        using var second = again.Client(address);
        await second.SignInAsync("admin", generated, ct);
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync(new Uri("api/bookings", UriKind.Relative), ct)).StatusCode);

        await ChangeAsync(second, generated, "Quan-tri-rieng-2026", "Quan-tri-rieng-2026");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(new Uri("api/bookings", UriKind.Relative), ct)).StatusCode);
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "initial-admin.txt")));
    }

    private static async Task<string> ChangeAsync(HttpClient client, string current, string next, string confirm)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(Page, TestContext.Current.CancellationToken),
        });
        using var response = await client.PostAsync(Page, form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
