using System.Globalization;

namespace DaoVien.OnlineReception.Testing;

/// <summary>The embedded servers an app started on a data folder, found by their command lines (never by name).</summary>
public static class ChildProcesses
{
    /// <summary>PIDs of the PostgreSQL postmaster (<c>-D DIR/postgres/data</c>) and Janus (<c>-F DIR/janus/conf</c>) of <paramref name="dataDirectory"/>.</summary>
    public static IReadOnlyList<int> OfDataDirectory(string dataDirectory)
    {
        var markers = new[] { Path.Combine(dataDirectory, "postgres", "data"), Path.Combine(dataDirectory, "janus", "conf") };
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Any(a => markers.Contains(a, StringComparer.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone while we looked.
            }
        }

        return found;
    }

    /// <summary>The session id (field 6 of /proc/PID/stat) of a process.</summary>
    public static int SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[3], CultureInfo.InvariantCulture);
    }

    /// <summary>After a failed test: SIGKILL whatever the app left on the folder, so it does not outlive the run.</summary>
    public static void KillLeftovers(string dataDirectory)
    {
        foreach (var pid in OfDataDirectory(dataDirectory))
        {
            try
            {
                using var p = System.Diagnostics.Process.GetProcessById(pid);
                p.Kill();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
    }
}
