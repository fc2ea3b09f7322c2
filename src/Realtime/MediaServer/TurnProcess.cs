using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// One run of the machine's coturn on a generated configuration: <c>setsid turnserver -c FILE</c>. Supervised by
/// <see cref="TurnServer"/>.
/// </summary>
internal sealed class TurnProcess : IAsyncDisposable
{
    /// <summary>The file naming the coturn process started on a folder, so a later start can stop one left behind.</summary>
    public const string PidFileName = "turnserver.app.pid";

    // setsid gives coturn a session (and process group) of its own, so a terminal's Ctrl+C reaches only the app,
    // which then stops coturn itself. Our child is never a group leader, so setsid execs in place: the pid is coturn's.
    private const string SetsidPath = "/usr/bin/setsid";

    private readonly Process _process;

    private TurnProcess(Process process, IPEndPoint probe)
    {
        _process = process;
        Probe = probe;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Where a STUN binding request shows that this coturn answers.</summary>
    public IPEndPoint Probe { get; }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public static void EnsureInstalled(TurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.BinaryPath))
        {
            throw new InvalidOperationException($"coturn ({options.BinaryPath}) is not installed: install the Debian package 'coturn' (apt-get install --no-upgrade coturn), set Media:Ice:TurnUrls to an existing TURN server, or Media:Turn:Enabled=false.");
        }
    }

    /// <summary>Writes the configuration under <paramref name="folder"/>, starts coturn and waits until it answers STUN.</summary>
    public static async Task<TurnProcess> StartAsync(string folder, TurnOptions options, TurnPlan plan, string sharedSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(plan);
        EnsureInstalled(options);
        Directory.CreateDirectory(folder);
        var conf = TurnConfiguration.Write(folder, plan, sharedSecret);
        var pidFile = Path.Combine(folder, PidFileName);
        await OwnSession.StopLeftoverAsync(pidFile, "-c", conf, cancellationToken);

        var psi = new ProcessStartInfo(File.Exists(SetsidPath) ? SetsidPath : options.BinaryPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = folder,
        };
        if (File.Exists(SetsidPath))
        {
            psi.ArgumentList.Add(options.BinaryPath);
        }

        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(conf);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("coturn did not start");
        // no-stdout-log keeps coturn's log in its file, but it still prints a few lines (socket probes) at start:
        // both pipes are drained so they can never fill and block it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var probe = new IPEndPoint(plan.ListeningAddress is { } a ? IPAddress.Parse(a) : IPAddress.Loopback, plan.Port);
        var turn = new TurnProcess(process, probe);
        await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (!process.HasExited)
        {
            if (await StunAnswersAsync(probe, TimeSpan.FromMilliseconds(200), cancellationToken))
            {
                return turn;
            }

            if (timeout.IsCancellationRequested)
            {
                break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        await turn.DisposeAsync();
        var log = Path.Combine(folder, "turnserver.log");
        var tail = File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(5)) : "";
        throw new InvalidOperationException($"coturn did not answer on {probe}: {tail}");
    }

    /// <summary>Sends a STUN binding request (RFC 5389) and waits for a binding success answer carrying our transaction id.</summary>
    public static async Task<bool> StunAnswersAsync(IPEndPoint endpoint, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var request = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(request, 0x0001);
        BinaryPrimitives.WriteUInt32BigEndian(request.AsSpan(4), 0x2112A442);
        RandomNumberGenerator.Fill(request.AsSpan(8, 12));
        using var udp = new UdpClient(endpoint.AddressFamily);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            await udp.SendAsync(request, endpoint, timeout.Token);
            while (true)
            {
                var answer = await udp.ReceiveAsync(timeout.Token);
                var b = answer.Buffer;
                if (b.Length >= 20 && BinaryPrimitives.ReadUInt16BigEndian(b) == 0x0101 && b.AsSpan(8, 12).SequenceEqual(request.AsSpan(8, 12)))
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            // ICMP port unreachable comes back as a reset: nobody listens yet.
            await Task.Delay(wait, cancellationToken);
            return false;
        }
    }

    // A coturn left running by a killed app binds its ports with SO_REUSEPORT: it would silently share them and
    // answer half the browsers with an old secret. Stopped before a new one starts on the same configuration file.
    internal static bool RunsConfiguration(int pid, string conf) => OwnSession.RunsWith(pid, "-c", conf);

    /// <summary>Stops coturn (this one process, never by name).</summary>
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
            // Could not confirm the exit in time; nothing more to do from here.
        }

        _process.Dispose();
    }
}
