using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>The app as ./run.sh starts it: no connection string, so it runs its own PostgreSQL cluster.</summary>
public sealed class EmbeddedDatabaseTests : IDisposable
{
    // A first start initialises a PostgreSQL cluster and applies every migration; on this 2-core machine under a
    // parallel build it took over 90 s twice, while it normally takes 15–25 s. Not a speed check: a hang guard.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "daovien-app-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task Start_NoConnectionString_RunsPrivateClusterStopsItOnSigtermAndKeepsDataOnRestart()
    {
        string password;
        await using (var app = AppProcess.Start(_dataDirectory))
        {
            await app.WaitHealthyAsync(StartTimeout);
            Assert.True(PostgresRunsFor(_dataDirectory));
            password = File.ReadAllText(Path.Combine(_dataDirectory, "initial-admin.txt"));

            await app.StopAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, app.ExitCode);
        }

        Assert.False(PostgresRunsFor(_dataDirectory), "a postgres process outlived the app");

        await using (var again = AppProcess.Start(_dataDirectory))
        {
            await again.WaitHealthyAsync(StartTimeout);
            // Same cluster, same accounts: no second admin was generated.
            Assert.Equal(password, File.ReadAllText(Path.Combine(_dataDirectory, "initial-admin.txt")));
            Assert.DoesNotContain("Tài khoản quản trị đầu tiên", again.Output, StringComparison.Ordinal);
            await again.StopAsync(TimeSpan.FromSeconds(60));
        }

        Assert.False(PostgresRunsFor(_dataDirectory));
    }

    [Fact]
    public async Task Start_StalePostmasterPidAfterCrash_StartsAnyway()
    {
        await using (var app = AppProcess.Start(_dataDirectory))
        {
            await app.WaitHealthyAsync(StartTimeout);
            await app.StopAsync(TimeSpan.FromSeconds(60));
        }

        // What a power cut leaves behind: a pid file naming a process that no longer exists.
        var pidFile = Path.Combine(_dataDirectory, "postgres", "data", "postmaster.pid");
        File.WriteAllLines(pidFile, ["999999", Path.Combine(_dataDirectory, "postgres", "data"), "1700000000", "5432", "", "", "", "ready"]);

        await using var restarted = AppProcess.Start(_dataDirectory);
        await restarted.WaitHealthyAsync(StartTimeout);
        await restarted.StopAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, restarted.ExitCode);
    }

    [Fact]
    public async Task Start_DataDirectoryIsAFile_FailsWithOneLine()
    {
        var file = Path.GetTempFileName();
        await using var app = AppProcess.Start(Path.Combine(file, "data"));

        Assert.NotEqual(0, await app.WaitForExitAsync(StartTimeout));
        Assert.Single(app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("thư mục dữ liệu", StringComparison.Ordinal));
        File.Delete(file);
    }

    [Fact]
    public async Task Start_PortInUse_FailsWithOneLineAndStopsItsDatabase()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        await using var app = AppProcess.Start(_dataDirectory, port);

        Assert.NotEqual(0, await app.WaitForExitAsync(StartTimeout));
        Assert.Contains("address already in use", app.Output, StringComparison.OrdinalIgnoreCase);
        Assert.False(PostgresRunsFor(_dataDirectory), "the failed start left its database running");
    }

    [Fact]
    public async Task Start_BadConnectionString_FailsWithOneLine()
    {
        await using var app = AppProcess.Start(_dataDirectory, environment: new Dictionary<string, string> { ["ConnectionStrings__Reception"] = "Host=127.0.0.1;Port=notaport" });

        Assert.NotEqual(0, await app.WaitForExitAsync(StartTimeout));
        Assert.Contains("Không khởi động được ứng dụng: chuỗi kết nối", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoPostgresBinaries_NamesTheDebianPackage()
    {
        await using var app = AppProcess.Start(_dataDirectory, environment: new Dictionary<string, string> { ["Reception__PostgresBinDirectory"] = "/nonexistent/bin" });

        Assert.NotEqual(0, await app.WaitForExitAsync(StartTimeout));
        Assert.Contains("postgresql-15", app.Output, StringComparison.Ordinal);
    }

    private static bool PostgresRunsFor(string dataDirectory)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", $"postgres -D {dataDirectory}/postgres/data"]) { RedirectStandardOutput = true })!;
        pgrep.StandardOutput.ReadToEnd();
        pgrep.WaitForExit();
        return pgrep.ExitCode == 0;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
