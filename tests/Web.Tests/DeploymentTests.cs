using System.Diagnostics;
using System.Net;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>What docs/deploy.md promises an operator: a wrong public URL is refused, and a backup restores.</summary>
public sealed class DeploymentTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    /// <summary>The shipped default of Accounts:TwoFactorRequiredRoles (test apps otherwise switch it off).</summary>
    private static readonly Dictionary<string, string> ProductionAccounts = new() { ["Accounts__TwoFactorRequiredRoles"] = "Admin,Chairman,Inspector" };
    private readonly string _root = Path.Combine(Path.GetTempPath(), "daovien-deploy-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task Start_PlainHttpPublicUrlOnAnotherHost_RefusesWithOneLine()
    {
        await using var app = AppProcess.Start(Path.Combine(_root, "data"), extraArgs: ["--public-url", "http://tiepdan.daovien.gov.vn"]);

        Assert.NotEqual(0, await app.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Không khởi động được ứng dụng: Reception:PublicUrl", line, StringComparison.Ordinal);
        Assert.Contains("https://tiepdan.daovien.gov.vn", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LegacyNotificationsPublicBaseUrl_RefusedNamingItsReplacement()
    {
        await using var app = AppProcess.Start(Path.Combine(_root, "data"), environment: new Dictionary<string, string> { ["Notifications__PublicBaseUrl"] = "http://127.0.0.1:5080" });

        Assert.NotEqual(0, await app.WaitForExitAsync(StartTimeout));
        Assert.Contains("Reception:PublicUrl", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupOfRunningApp_RestoredIntoNewFolder_SameAccountsKeysAndFiles()
    {
        var data = Path.Combine(_root, "data");
        var backup = Path.Combine(_root, "backup");
        var restored = Path.Combine(_root, "restored");
        var archived = Path.Combine("recordings", "archives", "0193a1b2-0000-7000-8000-000000000001", "manifest.json");
        using var cookies = new CookieJar();
        string password, authenticatorKey;
        await using (var app = AppProcess.Start(data, environment: ProductionAccounts))
        {
            await app.WaitHealthyAsync(StartTimeout);
            // The data folder is its owner's alone (as root, 'postgres' may only pass through to its cluster).
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(data) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite));
            password = AdminPassword(data);
            using var client = cookies.Client(app.BaseAddress, followRedirects: false);
            await client.SignInAsync("admin", password, TestContext.Current.CancellationToken);
            // As the operator would at once (docs/deploy.md): the generated password is replaced, its file removed.
            password = "Quan-tri-rieng-2026";
            await ChangeOwnPasswordAsync(client, AdminPassword(data), password);
            Assert.False(File.Exists(Path.Combine(data, "initial-admin.txt")));
            // Then the second factor production asks of the admin before any staff page opens.
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/bookings", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
            authenticatorKey = await client.EnrolAuthenticatorAsync(TestContext.Current.CancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(data, archived))!);
            await File.WriteAllTextAsync(Path.Combine(data, archived), "{\"files\":[]}", TestContext.Current.CancellationToken);

            Assert.Equal(0, await RunAsync("deploy/backup.sh", data, backup));
            await app.StopAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(0, await RunAsync("deploy/restore.sh", backup, restored));
        // Restoring over a folder that holds a database is refused: nothing is overwritten.
        Assert.NotEqual(0, await RunAsync("deploy/restore.sh", backup, restored));

        await using var again = AppProcess.Start(restored, environment: ProductionAccounts);
        await again.WaitHealthyAsync(StartTimeout);
        // The cookie issued before the backup still opens a staff page: same database (account, security stamp) and
        // the same DataProtection keys.
        using (var client = cookies.Client(again.BaseAddress, followRedirects: false))
        {
            using var response = await client.GetAsync(new Uri("/api/bookings", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("{\"files\":[]}", await File.ReadAllTextAsync(Path.Combine(restored, archived), TestContext.Current.CancellationToken));
        Assert.False(File.Exists(Path.Combine(restored, "initial-admin.txt")));
        using (var fresh = new CookieJar())
        using (var client = fresh.Client(again.BaseAddress, followRedirects: false))
        {
            // The changed password and the enrolled authenticator are the restored account's.
            await client.SignInWithCodeAsync("admin", password, authenticatorKey, TestContext.Current.CancellationToken);
            using var response = await client.GetAsync(new Uri("/api/bookings", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await again.StopAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task ChangeOwnPasswordAsync(HttpClient client, string current, string next)
    {
        var page = new Uri("/Account/Password", UriKind.Relative);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(page, TestContext.Current.CancellationToken),
        });
        using var response = await client.PostAsync(page, form, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found || response.RequestMessage?.RequestUri?.AbsolutePath != "/Account/Password", $"password change answered {(int)response.StatusCode}");
    }

    private static string AdminPassword(string data) =>
        File.ReadAllLines(Path.Combine(data, "initial-admin.txt")).Single(l => l.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..];

    private static async Task<int> RunAsync(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"{script}: {await stdout}{await stderr}");
        return process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
