using System.Diagnostics;

namespace DaoVien.OnlineReception.Testing.Recording;

/// <summary>Clips made by media/generate-test-clips.sh at test time (never committed).</summary>
public static class TestClips
{
    public sealed record Clip(string Video, string Audio);

    public static async Task<Clip> GenerateAsync(string folder, string label, int seconds, int hz, CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryPaths.Root, "media", "generate-test-clips.sh");
        var info = new ProcessStartInfo("/bin/bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { script, folder, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), label, hz.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("generate-test-clips.sh failed: " + await stderr);
        }

        return new Clip(Path.Combine(folder, $"clip-{label}.y4m"), Path.Combine(folder, $"clip-{label}.wav"));
    }
}
