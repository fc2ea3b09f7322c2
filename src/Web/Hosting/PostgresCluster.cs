using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// A private PostgreSQL cluster under a folder of ours, run with the machine's PostgreSQL binaries. It listens on
/// a Unix socket inside that folder only (no TCP), so nothing outside this machine's root and the folder's owner
/// can reach it. As root, the server runs as the <c>postgres</c> user (PostgreSQL refuses to run as root).
/// Used by the app's embedded default and by the test harness.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const int Port = 5432;
    private readonly string _binDirectory;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<string> _serverSettings;
    private int _startedByUs;

    private PostgresCluster(string rootDirectory, string binDirectory, IReadOnlyList<string> serverSettings, ILogger logger)
    {
        RootDirectory = rootDirectory;
        _binDirectory = binDirectory;
        _serverSettings = serverSettings;
        _logger = logger;
    }

    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "data");

    public string SocketDirectory => RootDirectory;

    /// <summary>Connection string for <paramref name="database"/> as the superuser, over the Unix socket.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host={SocketDirectory};Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>
    /// Initialises the cluster when the folder holds none, then starts it, adopting a server that is still running
    /// from an earlier run and clearing a stale <c>postmaster.pid</c> left by a crash.
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(
        string rootDirectory,
        string? binDirectory = null,
        IReadOnlyList<string>? serverSettings = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        var bin = binDirectory ?? FindBinDirectory()
            ?? throw new StartupException("không tìm thấy PostgreSQL (initdb, pg_ctl) trong /usr/lib/postgresql/*/bin: cài gói Debian 'postgresql' (apt-get install --no-upgrade postgresql-15).");
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(bin, tool)))
            {
                throw new StartupException($"thiếu chương trình PostgreSQL '{tool}' trong {bin}: cài gói Debian 'postgresql-15'.");
            }
        }

        var cluster = new PostgresCluster(Path.GetFullPath(rootDirectory), bin, serverSettings ?? [], logger ?? NullLogger.Instance);
        await cluster.StartCoreAsync(cancellationToken);
        return cluster;
    }

    public static string? FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "postgres")));
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        PrepareFolder();
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            _logger.LogInformation("Initialising a private PostgreSQL cluster in {DataDirectory}", DataDirectory);
            await RunToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"], cancellationToken);
        }

        if (await IsRunningAsync(cancellationToken))
        {
            // Left running by an app that was killed: adopt it rather than fail, and stop it when we stop.
            _logger.LogWarning("PostgreSQL in {DataDirectory} was already running; adopting it", DataDirectory);
            _startedByUs = 1;
            return;
        }

        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile))
        {
            // pg_ctl status said no server runs on this folder, so the pid file is a crash's leftover.
            _logger.LogWarning("Removing stale {PidFile}", pidFile);
            File.Delete(pidFile);
        }

        var options = string.Join(' ', new[]
        {
            "-c listen_addresses=''",
            $"-c unix_socket_directories='{SocketDirectory}'",
            "-c unix_socket_permissions=0700",
            $"-p {Port}",
            "-c max_connections=200",
        }.Concat(_serverSettings));
        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(RootDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"], cancellationToken);
        _startedByUs = 1;
    }

    private void PrepareFolder()
    {
        try
        {
            Directory.CreateDirectory(RootDirectory);
            if (IsRoot)
            {
                // The postgres user must own the folder and be able to reach it through every parent.
                RunAsRootOrFail("chown", ["-R", "postgres:postgres", RootDirectory]);
                for (var dir = Path.GetDirectoryName(RootDirectory); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
                {
                    var mode = File.GetUnixFileMode(dir);
                    if (!mode.HasFlag(UnixFileMode.OtherExecute))
                    {
                        throw new StartupException($"thư mục {dir} không cho người dùng 'postgres' đi qua (thiếu quyền o+x): chọn thư mục dữ liệu khác bằng --data-dir.");
                    }
                }
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StartupException($"không ghi được vào thư mục dữ liệu {RootDirectory}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new StartupException($"không tạo được thư mục dữ liệu {RootDirectory}: {ex.Message}", ex);
        }
    }

    private static void RunAsRootOrFail(string file, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new StartupException($"không chạy được {file}");
        var err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new StartupException($"{file} thất bại: {err.Trim()}");
        }
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        // pg_ctl status: 0 running, 3 not running, 4 no data directory.
        var (code, _) = await RunToolCoreAsync("pg_ctl", ["-D", DataDirectory, "status"], cancellationToken);
        return code == 0;
    }

    private async Task RunToolAsync(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (code, output) = await RunToolCoreAsync(tool, args, cancellationToken);
        if (code != 0)
        {
            var log = Path.Combine(RootDirectory, "server.log");
            var tail = File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(3)) : "";
            throw new StartupException($"PostgreSQL '{tool}' thất bại (mã {code}): {output.Trim()} {tail}".Trim());
        }
    }

    private async Task<(int ExitCode, string Output)> RunToolCoreAsync(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        var psi = IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(path);
        if (IsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", path })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // pg_ctl and the server it forks must not inherit a working directory the postgres user cannot enter.
        psi.WorkingDirectory = RootDirectory;
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi) ?? throw new StartupException($"không chạy được {tool}");
        // Read both pipes: pg_ctl's forked server keeps them open only if we let it; -l sends its log to a file.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>
    /// The running postmaster's PID from <c>postmaster.pid</c>, or null when no server is running on the folder.
    /// pg_ctl daemonises the server, so it is not our child: its liveness is read from /proc, not waited for.
    /// </summary>
    public int? PostmasterProcessId()
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            if (!int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return null;
            }

            // A PID can be reused: it is our postmaster only if its command line names this data folder.
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var d = Array.IndexOf(args, "-D");
            return d >= 0 && d + 1 < args.Length && args[d + 1] == DataDirectory ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Starts the server again after it died (crash recovery replays the WAL: committed data is kept). Does nothing
    /// once <see cref="StopAsync"/> ran.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _startedByUs) == 0)
        {
            return;
        }

        await StartCoreAsync(cancellationToken);
    }

    /// <summary>Stops the server (fast shutdown: open sessions are rolled back, committed data is kept).</summary>
    public async Task StopAsync()
    {
        // Called from the host's stop, the container's disposal and process exit: only the first one stops.
        if (Interlocked.Exchange(ref _startedByUs, 0) == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (code, output) = await RunToolCoreAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "55", "stop"], timeout.Token);
        if (code != 0)
        {
            _logger.LogWarning("pg_ctl stop exited with {ExitCode}: {Output}", code, output.Trim());
        }
        else
        {
            _logger.LogInformation("Stopped the private PostgreSQL cluster in {DataDirectory}", DataDirectory);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
