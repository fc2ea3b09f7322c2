using System.Net;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>Issue 11, item 10: a second factor (an authenticator app's code) for the roles that need one, by default.</summary>
public sealed partial class TwoFactorTests(PostgresServer server)
{
    private static readonly Uri Bookings = new("api/bookings", UriKind.Relative);
    private static readonly Uri Setup = new("Account/TwoFactor", UriKind.Relative);

    [Fact]
    public async Task Chairman_DefaultSetting_EnrolsBeforeWorking_ThenSignsInWithCodeOrRecoveryCodeOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        // null: the app's own default, not the tests' "nobody".
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewDataDirectory(), new Dictionary<string, string?> { ["Accounts:TwoFactorRequiredRoles"] = null });
        var address = app.StartOnSocket();
        await app.CreateStaffAsync("chutich", "Chairman-pass-2026", "Chủ tịch", TestRoles.Chairman);

        using var jar = new CookieJar();
        using var first = jar.Client(address);
        await first.SignInAsync("chutich", "Chairman-pass-2026", ct);
        // Until an authenticator is set up: staff pages lead to the set-up page, the API and the hub refuse.
        using (var page = await NoRedirect(jar, address).GetAsync(new Uri("Cases", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/Account/TwoFactor?returnUrl=", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync(Bookings, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await first.PostAsync(new Uri("hubs/reception/negotiate?negotiateVersion=1", UriKind.Relative), null, ct)).StatusCode);

        var html = await first.GetStringAsync(Setup, ct);
        Assert.Contains("phải đăng nhập bằng mật khẩu và mã trên điện thoại", html, StringComparison.Ordinal);
        var key = StaffSignIn.AuthenticatorKeyOn(html);
        Assert.Equal(32, Authenticator.Compact(key).Length);
        // The QR code an app scans holds the same key, in the key-uri format, under the office's name.
        var qr = await first.GetAsync(new Uri("Account/TwoFactor?handler=Qr", UriKind.Relative), ct);
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", qr.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var uri = new Uri(DecodeQr(await qr.Content.ReadAsByteArrayAsync(ct)));
        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        Assert.Contains("secret=" + Authenticator.Compact(key), uri.Query, StringComparison.Ordinal);
        Assert.Contains("issuer=" + Uri.EscapeDataString("Tiếp công dân Đào Viên"), uri.Query, StringComparison.Ordinal);
        Assert.EndsWith(":chutich", Uri.UnescapeDataString(uri.AbsolutePath), StringComparison.Ordinal);

        // A wrong code sets nothing up.
        var refused = await PostAsync(first, Setup, "Enable", new() { ["Code"] = Authenticator.WrongCodeFor(key) });
        Assert.Contains("Mã không đúng hoặc đã hết hạn", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync(Bookings, ct)).StatusCode);

        var enabled = await PostAsync(first, Setup, "Enable", new() { ["Code"] = Spaced(Authenticator.CodeFor(key)) });
        var recoveryCodes = RecoveryCode().Matches(enabled).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(Bookings, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.GetAsync(new Uri("Account/TwoFactor?handler=Qr", UriKind.Relative), ct)).StatusCode);
        // The chairman cannot switch it off; the role needs it.
        var notOff = await PostAsync(first, Setup, "Disable", []);
        Assert.Contains("không thể tắt", notOff, StringComparison.Ordinal);
        Assert.True(await app.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync("chutich"))!.TwoFactorEnabled));

        // Next morning, another browser: the password alone does not sign in.
        using (var jar2 = new CookieJar())
        using (var second = jar2.Client(address))
        {
            var step = await PasswordStepAsync(second, "chutich", "Chairman-pass-2026");
            Assert.Equal("/Account/TwoFactorSignIn", step);
            Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync(Bookings, ct)).StatusCode);
            var wrong = await PostAsync(second, new Uri("Account/TwoFactorSignIn", UriKind.Relative), null, new() { ["Code"] = Authenticator.WrongCodeFor(key) });
            Assert.Contains("Mã không đúng hoặc đã hết hạn", wrong, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync(Bookings, ct)).StatusCode);
            await PostAsync(second, new Uri("Account/TwoFactorSignIn", UriKind.Relative), null, new() { ["Code"] = Authenticator.CodeFor(key) });
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(Bookings, ct)).StatusCode);
        }

        // A phone left at home: a recovery code signs in once, never twice.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var jar3 = new CookieJar();
            using var third = jar3.Client(address);
            await PasswordStepAsync(third, "chutich", "Chairman-pass-2026");
            await PostAsync(third, new Uri("Account/TwoFactorSignIn", UriKind.Relative), null, new() { ["Code"] = recoveryCodes[0].Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant(), ["UseRecoveryCode"] = "true" });
            Assert.Equal(attempt == 0 ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, (await third.GetAsync(Bookings, ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Clerk_RoleNotRequired_WorksWithPasswordAlone_MayEnrolAndSwitchOff()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewDataDirectory(), new Dictionary<string, string?> { ["Accounts:TwoFactorRequiredRoles"] = null });
        var address = app.StartOnSocket();
        await app.CreateStaffAsync("vanthu", "Clerk-pass-2026", "Văn thư", TestRoles.Staff);
        using var jar = new CookieJar();
        using var client = jar.Client(address);
        await client.SignInAsync("vanthu", "Clerk-pass-2026", ct);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Bookings, ct)).StatusCode);

        var key = StaffSignIn.AuthenticatorKeyOn(await client.GetStringAsync(Setup, ct));
        await PostAsync(client, Setup, "Enable", new() { ["Code"] = Authenticator.CodeFor(key) });
        var off = await PostAsync(client, Setup, "Disable", []);
        Assert.Contains("Đã tắt xác thực hai bước", off, StringComparison.Ordinal);
        var user = await app.WithScopeAsync(async sp => await sp.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync("vanthu"));
        Assert.False(user!.TwoFactorEnabled);
        // The old key no longer belongs to the account.
        Assert.NotEqual(Authenticator.Compact(key), await app.WithScopeAsync(async sp => await sp.GetRequiredService<UserManager<StaffUser>>().GetAuthenticatorKeyAsync(user)));
    }

    [Fact]
    public async Task LostPhone_AdminResets_OldCodesStopAndChairmanEnrolsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        using var logs = new CapturedLogs();
        await using var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), NewDataDirectory(), new Dictionary<string, string?> { ["Accounts:TwoFactorRequiredRoles"] = "Chairman" })
            .WithServices(logs.AddTo);
        var address = app.StartOnSocket();
        var chairmanId = await app.CreateStaffAsync("chutich", "Chairman-pass-2026", "Chủ tịch", TestRoles.Chairman);
        await app.CreateStaffAsync("quantri", "Admin-pass-2026", "Quản trị", TestRoles.Admin);
        string oldKey;
        using (var jar = new CookieJar())
        using (var chairman = jar.Client(address))
        {
            await chairman.SignInAsync("chutich", "Chairman-pass-2026", ct);
            oldKey = StaffSignIn.AuthenticatorKeyOn(await chairman.GetStringAsync(Setup, ct));
            await PostAsync(chairman, Setup, "Enable", new() { ["Code"] = Authenticator.CodeFor(oldKey) });
        }

        using (var jar = new CookieJar())
        using (var admin = jar.Client(address))
        {
            await admin.SignInAsync("quantri", "Admin-pass-2026", ct);
            var list = await admin.GetStringAsync(new Uri("Admin/Staff", UriKind.Relative), ct);
            Assert.Contains("Đặt lại xác thực hai bước", list, StringComparison.Ordinal);
            var done = await PostAsync(admin, new Uri("Admin/Staff", UriKind.Relative), "ResetTwoFactor", new() { ["id"] = chairmanId.ToString() });
            Assert.Contains("Đã đặt lại xác thực hai bước của chutich", done, StringComparison.Ordinal);
        }

        Assert.Contains(logs.Entries, e => e.Message.Contains($"Two-factor sign-in of staff account {chairmanId} reset by quantri", StringComparison.Ordinal));
        using (var jar = new CookieJar())
        using (var chairman = jar.Client(address))
        {
            // The password leads straight to a new set-up, with a new key: the app's old entry is worthless.
            Assert.Equal("/Account/TwoFactor", await PasswordStepAsync(chairman, "chutich", "Chairman-pass-2026"));
            Assert.Equal(HttpStatusCode.Forbidden, (await chairman.GetAsync(Bookings, ct)).StatusCode);
            var newKey = StaffSignIn.AuthenticatorKeyOn(await chairman.GetStringAsync(Setup, ct));
            Assert.NotEqual(Authenticator.Compact(oldKey), Authenticator.Compact(newKey));
            var stale = await PostAsync(chairman, Setup, "Enable", new() { ["Code"] = Authenticator.CodeFor(oldKey) });
            Assert.Contains("Mã không đúng hoặc đã hết hạn", stale, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_UnknownRoleInTwoFactorSetting_RefusedNamingTheSetting()
    {
        await using var app = AppProcess.Start(NewDataDirectory(), environment: new Dictionary<string, string> { ["Accounts__TwoFactorRequiredRoles"] = "Chairman,Boss" });
        Assert.NotEqual(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        Assert.Contains("Accounts:TwoFactorRequiredRoles names an unknown role 'Boss'", app.Output, StringComparison.Ordinal);
    }

    /// <summary>Posts the password form; returns the path the client was sent to ("/" once signed in, or the code step).</summary>
    private static async Task<string> PasswordStepAsync(HttpClient client, string userName, string password)
    {
        var login = new Uri("Account/Login", UriKind.Relative);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(login, TestContext.Current.CancellationToken),
        });
        using var response = await client.PostAsync(login, form, TestContext.Current.CancellationToken);
        return response.RequestMessage!.RequestUri!.AbsolutePath;
    }

    private static async Task<string> PostAsync(HttpClient client, Uri page, string? handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(page, TestContext.Current.CancellationToken);
        var target = handler is null ? page : new Uri(page.OriginalString + "?handler=" + handler, UriKind.Relative);
        using var form = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(target, form, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{target} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static HttpClient NoRedirect(CookieJar jar, Uri address) => jar.Client(address, followRedirects: false);

    private static string Spaced(string code) => code[..3] + " " + code[3..];

    private static string DecodeQr(byte[] png)
    {
        using var decoded = SKBitmap.Decode(png);
        using var bitmap = decoded.Copy(SKColorType.Bgra8888);
        var source = new RGBLuminanceSource(bitmap.Bytes, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.BGRA32);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        Assert.NotNull(result);
        return result.Text;
    }

    private string NewDataDirectory() => Path.Combine(server.RootDirectory, "2fa-" + Guid.NewGuid().ToString("N")[..8]);

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
