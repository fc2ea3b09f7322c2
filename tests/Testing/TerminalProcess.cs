using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// A command run in the foreground of a pseudo-terminal, the way a person runs ./run.sh in a terminal window, so a
/// Ctrl+C is what the terminal makes of it: SIGINT to the whole foreground process group. (A process started from a
/// test is not in a terminal, and one started in the background has SIGINT ignored, so neither can show this.)
/// Driven by Python's pty module (Debian's python3).
/// </summary>
public sealed class TerminalProcess : IAsyncDisposable
{
    // Relays the terminal's output to stdout; a line "INT" on stdin types Ctrl+C; prints "EXIT <status>" at the end.
    private const string Driver = """
        import os, pty, select, signal, sys
        pid, fd = pty.fork()
        if pid == 0:
            # A terminal's foreground job: Ctrl+C and Ctrl+\ act, even when this test run was started in the
            # background (nohup …&), whose SIGINT/SIGQUIT are ignored and would be inherited by the app.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGQUIT, signal.SIG_DFL)
            os.execvp(sys.argv[1], sys.argv[1:])
        inputs = [fd, 0]
        while True:
            ready, _, _ = select.select(inputs, [], [], 0.1)
            if fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b''
                if data:
                    sys.stdout.buffer.write(data)
                    sys.stdout.flush()
                else:
                    inputs.remove(fd)
            if 0 in ready:
                line = os.read(0, 64)
                if not line:
                    inputs.remove(0)
                elif line.strip() == b'INT':
                    os.write(fd, b'\x03')
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                print('\nEXIT %d' % os.waitstatus_to_exitcode(status), flush=True)
                break
        """;

    private readonly Process _driver;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TerminalProcess(Process driver)
    {
        _driver = driver;
        driver.OutputDataReceived += (_, e) => OnLine(e.Data);
        driver.ErrorDataReceived += (_, e) => OnLine(e.Data);
        driver.BeginOutputReadLine();
        driver.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The command's exit code (negative: killed by that signal), once it ended.</summary>
    public Task<int> Exited => _exit.Task;

    public static TerminalProcess Start(IReadOnlyList<string> command, IDictionary<string, string>? environment = null, IEnumerable<string>? removeEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Driver);
        foreach (var a in command)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var name in removeEnvironment ?? [])
        {
            psi.Environment.Remove(name);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        return new TerminalProcess(Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start"));
    }

    /// <summary>Types Ctrl+C in the terminal.</summary>
    public async Task PressCtrlCAsync()
    {
        await _driver.StandardInput.WriteLineAsync("INT");
        await _driver.StandardInput.FlushAsync();
    }

    public async Task WaitForOutputAsync(string text, TimeSpan within, CancellationToken cancellationToken) =>
        await Eventually.TrueAsync(() => Output.Contains(text, StringComparison.Ordinal) || _exit.Task.IsCompleted, within, $"'{text}' in the terminal:\n{Output}", cancellationToken);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("EXIT ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(5), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            _exit.TrySetResult(code);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_driver.HasExited)
        {
            _driver.Kill(entireProcessTree: true);
            await _driver.WaitForExitAsync();
        }

        _driver.Dispose();
    }
}
