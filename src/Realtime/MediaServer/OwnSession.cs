using System.Diagnostics;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// Starts a helper server (Janus, coturn) in a session and process group of its own, with no terminal on its
/// standard input. A Ctrl+C in the terminal goes to the whole foreground process group: without this the helper
/// gets the SIGINT too, dies at the same moment as the app starts stopping, and the supervisor sees a crash. The
/// app alone decides when its helpers stop.
/// </summary>
internal static class OwnSession
{
    /// <summary>util-linux's <c>setsid</c> (Debian: essential, always installed).</summary>
    public const string SetsidPath = "/usr/bin/setsid";

    /// <summary>
    /// A start of <paramref name="file"/> through <c>setsid</c>. A process that .NET forks is not a process group
    /// leader, so <c>setsid</c> calls setsid(2) and execs the program in place: the PID the caller sees is the
    /// server's own (kill it, wait for it, compare /proc/PID/cmdline as before). Standard input is a pipe the
    /// caller closes at once (see <see cref="Start"/>), so the server never holds the terminal open.
    /// </summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!File.Exists(SetsidPath))
        {
            throw new InvalidOperationException($"{SetsidPath} is missing: install the Debian package 'util-linux'.");
        }

        var psi = new ProcessStartInfo(SetsidPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(file);
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }

    /// <summary>Starts the process and drains its output (a server that logs to a file may still print to stdout).</summary>
    public static Process Start(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{startInfo.FileName} did not start");
        process.StandardInput.Close();
        // Must read both pipes or a chatty server blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Stops the server a killed app left running on the same folder (it would hold ports and recordings, or share
    /// coturn's SO_REUSEPORT ports with an old secret), then deletes its pid file. Only when the process named in
    /// <paramref name="pidFile"/> really runs with <paramref name="flag"/> <paramref name="value"/> on its command
    /// line: never a process that happens to have inherited the number.
    /// </summary>
    public static async Task StopLeftoverAsync(string pidFile, string flag, string value, CancellationToken cancellationToken)
    {
        if (!File.Exists(pidFile))
        {
            return;
        }

        if (int.TryParse(await File.ReadAllTextAsync(pidFile, cancellationToken), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            && RunsWith(pid, flag, value))
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await leftover.WaitForExitAsync(timeout.Token);
            }
            catch (ArgumentException)
            {
                // Exited between the check and the kill.
            }
        }

        File.Delete(pidFile);
    }

    /// <summary>Whether process <paramref name="pid"/> has <paramref name="flag"/> followed by <paramref name="value"/> in its arguments.</summary>
    public static bool RunsWith(int pid, string flag, string value)
    {
        try
        {
            // /proc/PID/cmdline: the arguments separated by NUL.
            var args = File.ReadAllText($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}/cmdline").Split('\0');
            var i = Array.IndexOf(args, flag);
            return i >= 0 && i + 1 < args.Length && args[i + 1] == value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
