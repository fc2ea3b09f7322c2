using System.Text.Json;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>What a reception page decodes, read from its subscription's RTCPeerConnection stats.</summary>
internal static class SessionMediaProbe
{
    private sealed record Figures(double FramesDecoded, double AudioEnergy, double AudioPackets, double AudioSamples, bool Playing, string Element);

    private static async Task<Dictionary<string, Figures>> ReadAsync(IPage page)
    {
        using var doc = JsonDocument.Parse(await page.EvaluateAsync<string>("async () => JSON.stringify(await window.Reception.stats())"));
        var json = doc.RootElement;
        var result = new Dictionary<string, Figures>(StringComparer.Ordinal);
        foreach (var p in json.EnumerateObject())
        {
            result[p.Name] = new Figures(
                p.Value.GetProperty("framesDecoded").GetDouble(),
                p.Value.GetProperty("audioEnergy").GetDouble(),
                p.Value.GetProperty("audioPackets").GetDouble(),
                p.Value.GetProperty("audioSamples").GetDouble(),
                p.Value.GetProperty("playing").GetBoolean(),
                p.Value.GetProperty("element").GetString() ?? "");
        }

        return result;
    }

    /// <summary>
    /// Waits until what the page receives from <paramref name="participantId"/> stands still (<paramref name="still"/>)
    /// or keeps increasing, read one second apart: a microphone turned off sends silence (no audio energy), audio-only
    /// sends no video frames.
    /// </summary>
    public static async Task ExpectFromAsync(IPage page, string participantId, bool video, bool still)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(45));
        double Figure(Dictionary<string, Figures> all) => all.TryGetValue(participantId, out var f) ? (video ? f.FramesDecoded : f.AudioEnergy) : -1;
        var before = Figure(await ReadAsync(page));
        while (true)
        {
            await Task.Delay(1000, CancellationToken.None);
            var now = Figure(await ReadAsync(page));
            if (now >= 0 && (still ? Math.Abs(now - before) < 1e-9 : now > before))
            {
                return;
            }

            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"{(video ? "video frames" : "audio energy")} from {participantId[..8]} {(still ? "still increasing" : "not increasing")}: {before} then {now}");
            }

            before = now;
        }
    }

    /// <summary>
    /// Waits until the page decodes video and audio from <paramref name="remoteParticipants"/> others, then checks
    /// that both keep increasing (media flows, not one frozen frame).
    /// </summary>
    public static async Task ExpectDecodingFromAsync(IPage page, int remoteParticipants)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(45));
        Dictionary<string, Figures> first;
        while (true)
        {
            first = await ReadAsync(page);
            if (first.Count(f => f.Value.FramesDecoded > 0 && f.Value.AudioEnergy > 0) >= remoteParticipants)
            {
                break;
            }

            if (timeout.IsCancellationRequested)
            {
                var state = await page.EvaluateAsync<string>("() => window.Reception.describe()");
                Assert.Fail($"{page.Url} ({state}) decodes from {first.Count(f => f.Value.FramesDecoded > 0 && f.Value.AudioEnergy > 0)} of {remoteParticipants}: "
                    + string.Join("; ", first.Select(f => $"{f.Key[..8]} frames {f.Value.FramesDecoded} energy {f.Value.AudioEnergy:0.###} audio packets {f.Value.AudioPackets} samples {f.Value.AudioSamples} playing {f.Value.Playing} element {f.Value.Element}")));
            }

            await Task.Delay(200, CancellationToken.None);
        }

        while (true)
        {
            var next = await ReadAsync(page);
            var growing = first.Count(f => next.TryGetValue(f.Key, out var n) && n.FramesDecoded > f.Value.FramesDecoded && n.AudioEnergy > f.Value.AudioEnergy);
            if (growing >= remoteParticipants)
            {
                return;
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
