using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Media;

/// <summary>Finds ffmpeg/ffprobe and reads their version once; the archive pipeline and /healthz rely on it.</summary>
internal sealed class FfmpegToolbox(IOptions<FfmpegOptions> options)
{
    private readonly Lazy<Task<string?>> _version = new(() => ReadVersionAsync(Path.Combine(options.Value.BinaryFolder, "ffmpeg")));

    public string FfmpegPath => Path.Combine(options.Value.BinaryFolder, "ffmpeg");

    public string FfprobePath => Path.Combine(options.Value.BinaryFolder, "ffprobe");

    public bool IsInstalled => File.Exists(FfmpegPath) && File.Exists(FfprobePath);

    /// <summary>The first line of <c>ffmpeg -version</c>, or null when ffmpeg is missing or does not run.</summary>
    public Task<string?> GetVersionAsync() => IsInstalled ? _version.Value : Task.FromResult<string?>(null);

    private static async Task<string?> ReadVersionAsync(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var process = Process.Start(new ProcessStartInfo(path, "-hide_banner -version")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        if (process is null)
        {
            return null;
        }

        // Read both pipes, or a chatty child can block on a full stderr buffer.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        await stderr;
        var firstLine = (await stdout).Split('\n', 2)[0].Trim();
        return process.ExitCode == 0 && firstLine.Length > 0 ? firstLine : null;
    }
}
