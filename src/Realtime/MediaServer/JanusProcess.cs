using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// One run of the machine's Janus on a generated configuration folder: <c>janus -F CONFDIR -L LOGFILE -N</c>.
/// Used by the app's embedded default (supervised by <see cref="JanusGateway"/>) and by the test harness.
/// </summary>
internal sealed class JanusProcess : IAsyncDisposable
{
    private readonly Process _process;

    private JanusProcess(Process process, JanusEndpoint endpoint, string logFile)
    {
        _process = process;
        Endpoint = endpoint;
        LogFile = logFile;
    }

    public JanusEndpoint Endpoint { get; }

    public string LogFile { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes when the process ends, for whatever reason.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public static void EnsureInstalled(JanusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.BinaryPath))
        {
            throw new InvalidOperationException($"Janus ({options.BinaryPath}) is not installed: install the Debian package 'janus' (apt-get install --no-upgrade janus), or set Media:Janus:Url to an existing Janus.");
        }
    }

    /// <summary>Writes a fresh configuration under <paramref name="folder"/>, starts Janus and waits until its WebSocket answers.</summary>
    public static async Task<JanusProcess> StartAsync(string folder, JanusOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        EnsureInstalled(options);
        var pidFile = Path.Combine(folder, PidFileName);
        // A Janus left running by a killed app (SIGKILL, power loss of the app alone) is a child nobody stops: it
        // lives on idle, or still holding recordings open.
        await OwnSession.StopLeftoverAsync(pidFile, "-F", Path.Combine(folder, "conf"), cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            // The port is free when we pick it, but someone may take it before Janus binds it: try a few.
            var port = JanusConfiguration.FreeLoopbackPort();
            var endpoint = JanusConfiguration.Write(Path.Combine(folder, "conf"), options, port);
            var logFile = Path.Combine(folder, "janus.log");
            // Its own session: a terminal's Ctrl+C reaches only the app, which then stops Janus itself (OwnSession).
            var psi = OwnSession.StartInfo(options.BinaryPath, ["-F", Path.Combine(folder, "conf"), "-L", logFile, "-N", "-o"]);
            psi.WorkingDirectory = folder;
            var process = OwnSession.Start(psi);
            var janus = new JanusProcess(process, endpoint, logFile);
            // Written before it is even listening: if this app dies from here on, the next start finds this Janus.
            await File.WriteAllTextAsync(pidFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
            bool listening;
            try
            {
                listening = await janus.WaitUntilListeningAsync(port, cancellationToken);
            }
            catch
            {
                // Cancelled (the app is stopping) while Janus was coming up: nobody else holds this process.
                await janus.DisposeAsync();
                throw;
            }

            if (listening)
            {
                return janus;
            }

            await janus.DisposeAsync();
            if (attempt >= 3)
            {
                var tail = File.Exists(logFile) ? string.Join(" | ", File.ReadLines(logFile).TakeLast(5)) : "";
                throw new InvalidOperationException($"Janus did not open its WebSocket port: {tail}");
            }
        }
    }

    /// <summary>The file naming the Janus process started on a folder, so a later start can stop one left behind.</summary>
    public const string PidFileName = "janus.pid";

    private async Task<bool> WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (!_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Stops Janus: a kill of this one process (never by name).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            // Could not confirm exit in time; nothing more we can do from here.
        }

        _process.Dispose();
    }
}
