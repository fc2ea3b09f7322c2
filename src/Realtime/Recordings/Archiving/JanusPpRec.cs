using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings.Archiving;

/// <summary>The header of one Janus recording (<c>janus-pp-rec -j</c>).</summary>
/// <param name="IsVideo">Video track (else audio).</param>
/// <param name="Codec">Codec name as Janus writes it (opus, vp8, h264, …).</param>
/// <param name="FirstPacketAt">Wall-clock time of the first packet (<c>u</c>): the only way to align tracks.</param>
/// <param name="CreatedAt">When the file was created (<c>s</c>).</param>
internal sealed record MjrHeader(bool IsVideo, string Codec, DateTimeOffset FirstPacketAt, DateTimeOffset CreatedAt);

/// <summary>Runs <c>janus-pp-rec</c> (Debian package janus-tools): header probe and remux of one track without re-encoding.</summary>
internal sealed class JanusPpRec(IOptions<RecordingOptions> options)
{
    public string ToolPath => options.Value.JanusPpRecPath;

    /// <summary>
    /// The track's header, or null when the file has none: Janus creates the file when a publisher starts recording but
    /// writes the header with the first packet, so a publisher gone (or paused) before sending leaves a header-less file.
    /// </summary>
    public async Task<MjrHeader?> ReadHeaderAsync(string mjrPath, CancellationToken cancellationToken)
    {
        var (exit, stdout, stderr) = await RunAsync(["-j", "-d", "0", mjrPath], cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"janus-pp-rec -j failed ({exit}): {Tail(stderr)}");
        }

        return stdout.Contains('{', StringComparison.Ordinal) ? ParseHeader(stdout) : null;
    }

    /// <summary>Parses the JSON header; a file with no packet yet has <c>u</c> = 0 and is rejected by the caller.</summary>
    public static MjrHeader ParseHeader(string json)
    {
        var start = json.IndexOf('{', StringComparison.Ordinal);
        var end = json.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException("janus-pp-rec printed no JSON header");
        }

        using var document = JsonDocument.Parse(json[start..(end + 1)]);
        var root = document.RootElement;
        var type = root.GetProperty("t").GetString();
        var codec = root.GetProperty("c").GetString() ?? "";
        var first = root.TryGetProperty("u", out var u) ? u.GetInt64() : 0;
        var created = root.TryGetProperty("s", out var s) ? s.GetInt64() : 0;
        return new MjrHeader(type == "v", codec.ToLowerInvariant(), FromMicroseconds(first), FromMicroseconds(created));
    }

    /// <summary>The container an original is remuxed into, by codec (what janus-pp-rec -F lists), or null if unsupported.</summary>
    public static string? OriginalExtension(MjrHeader header) => header.Codec switch
    {
        "opus" => "opus",
        "vp8" or "vp9" => "webm",
        "h264" or "av1" or "h265" => "mp4",
        "pcmu" or "pcma" or "g711" or "g722" or "l16" => "wav",
        _ => null,
    };

    public async Task ConvertAsync(string mjrPath, string outputPath, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ConvertTimeout);
        var (exit, _, stderr) = await RunAsync(["-d", "0", mjrPath, outputPath], timeout.Token);
        if (exit != 0 || !File.Exists(outputPath))
        {
            throw new InvalidOperationException($"janus-pp-rec failed to convert a track ({exit}): {Tail(stderr)}");
        }
    }

    public async Task<string?> GetVersionAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(ToolPath))
        {
            return null;
        }

        var (_, stdout, stderr) = await RunAsync(["-F"], cancellationToken);
        var line = (stdout + "\n" + stderr).Split('\n').FirstOrDefault(l => l.StartsWith("Janus version:", StringComparison.Ordinal));
        return line?.Trim();
    }

    private static DateTimeOffset FromMicroseconds(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);

    private static string Tail(string text) => text.Length > 1000 ? text[^1000..] : text;

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!File.Exists(ToolPath))
        {
            throw new InvalidOperationException($"{ToolPath} is missing: install the Debian package janus-tools");
        }

        var info = new ProcessStartInfo(ToolPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("janus-pp-rec did not start");
        // Read both pipes, or the tool blocks on a full stderr buffer.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    internal static string Format(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
