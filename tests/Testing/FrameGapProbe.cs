using System.Text.Json;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// What a reception page sees of one other participant's video over a stretch of time: the longest gap between two
/// increases of its decoded-frame counter (sampled in the page every ~10 ms, so a starved page reads as a longer gap),
/// the receiver's own freeze count (WebRTC stats), and how often the subscription's PeerConnection was replaced
/// (a replaced one counts from zero: the gap spans the rebuild). Used by the disturbance bench and the tests of it.
/// </summary>
public static class FrameGapProbe
{
    private const string InstallScript = """
        () => {
          if (window.__gaps) return;
          const R = window.Reception;
          const g = window.__gaps = { running: false };
          const tick = async () => {
            if (!g.running) return;
            const pc = R.state.subscriber;
            const stats = await R.stats();
            const now = performance.now();
            const other = stats[g.other] || {};
            const frames = other.framesDecoded || 0;
            if (pc !== g.pc) {
              if (g.pc) g.rebuilt++;
              g.pc = pc; g.frames = 0; g.freezeBase = null; g.freezesBefore = g.freezes; g.freezeMsBefore = g.freezeMs;
            }
            if (g.freezeBase === null && frames > 0) g.freezeBase = { count: other.freezeCount, ms: other.freezeMs };
            if (g.freezeBase !== null) {
              g.freezes = g.freezesBefore + other.freezeCount - g.freezeBase.count;
              g.freezeMs = g.freezeMsBefore + other.freezeMs - g.freezeBase.ms;
            }
            if (frames > g.frames) {
              const gap = now - g.last;
              g.max = Math.max(g.max, gap);
              if (gap > 150) g.long++;
              g.last = now; g.frames = frames;
            }
            g.samples++;
            setTimeout(tick, 10);
          };
          g.start = (other) => {
            Object.assign(g, { other, running: true, max: 0, frames: 0, pc: R.state.subscriber, last: performance.now(), samples: 0, rebuilt: 0, long: 0,
              freezes: 0, freezeMs: 0, freezesBefore: 0, freezeMsBefore: 0, freezeBase: null });
            g.since = g.last;
            tick();
          };
          g.read = () => {
            g.running = false;
            const now = performance.now();
            return { max: Math.max(g.max, now - g.last), samples: g.samples, ms: now - g.since, rebuilt: g.rebuilt, long: g.long, freezes: g.freezes, freezeMs: g.freezeMs };
          };
        }
        """;

    /// <summary>Starts watching <paramref name="otherParticipantId"/>'s video on <paramref name="page"/>.</summary>
    public static async Task StartAsync(IPage page, string otherParticipantId)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync(InstallScript);
        await page.EvaluateAsync("(id) => window.__gaps.start(id)", otherParticipantId);
    }

    /// <summary>Stops watching and returns the figures since <see cref="StartAsync"/>.</summary>
    public static async Task<FrameGaps> ReadAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var json = await page.EvaluateAsync<JsonElement>("() => window.__gaps.read()");
        return new FrameGaps(
            json.GetProperty("max").GetDouble(), json.GetProperty("samples").GetInt32(), json.GetProperty("ms").GetDouble(),
            json.GetProperty("rebuilt").GetInt32(), json.GetProperty("long").GetInt32(),
            json.GetProperty("freezes").GetDouble(), json.GetProperty("freezeMs").GetDouble());
    }

    /// <summary>Waits until the page decodes video from <paramref name="others"/> participants; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> WaitDecodingAsync(IPage page, int others)
    {
        ArgumentNullException.ThrowIfNull(page);
        var ids = await page.EvaluateAsync<string[]>("""
            async (others) => {
              for (;;) {
                const s = await window.Reception.stats();
                const decoding = Object.entries(s).filter(([, p]) => p.framesDecoded > 0).map(([id]) => id);
                if (decoding.length >= others) return decoding;
                await new Promise((r) => setTimeout(r, 20));
              }
            }
            """, others);
        return ids;
    }
}

/// <param name="LongestGapMs">Longest time between two increases of the decoded-frame counter.</param>
/// <param name="Samples">How many times the page sampled.</param>
/// <param name="DurationMs">The stretch watched.</param>
/// <param name="Rebuilt">How often the subscription's PeerConnection was replaced.</param>
/// <param name="GapsOver150Ms">Gaps longer than 150 ms.</param>
/// <param name="Freezes">Freezes the receiver counted.</param>
/// <param name="FreezeMs">Their total duration.</param>
public sealed record FrameGaps(double LongestGapMs, int Samples, double DurationMs, int Rebuilt, int GapsOver150Ms, double Freezes, double FreezeMs);
