using Microsoft.Playwright;

namespace DaoVien.OnlineReception.Testing.Recording;

/// <summary>
/// One Chromium process whose fake camera/microphone play a generated clip (running clock, beeps), publishing to
/// Janus through a blank page: the test relays the SDP between the page and Janus.
/// </summary>
public sealed class FakeMediaPublisher : IAsyncDisposable
{
    private const string Origin = "http://127.0.0.1:9/";

    private readonly IBrowser _browser;
    private readonly IPage _page;

    private FakeMediaPublisher(IBrowser browser, IPage page)
    {
        _browser = browser;
        _page = page;
    }

    public long Handle { get; private set; }

    public bool IsClosed { get; private set; }

    public static async Task<FakeMediaPublisher> LaunchAsync(BrowserFixture browsers, TestClips.Clip clip)
    {
        var browser = await browsers.LaunchAsync($"--use-file-for-fake-video-capture={clip.Video}", $"--use-file-for-fake-audio-capture={clip.Audio}");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Permissions = ["camera", "microphone"] });
        var page = await context.NewPageAsync();
        // A loopback origin is a secure context (getUserMedia works); the page is served by the route, no socket needed.
        await page.RouteAsync(Origin + "**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = "<!doctype html><title>publisher</title>" }));
        await page.GotoAsync(Origin);
        return new FakeMediaPublisher(browser, page);
    }

    /// <summary>Publishes camera + microphone to the room and waits until media flows to Janus.</summary>
    public async Task PublishAsync(JanusHarness janus, long room, string fileBase, CancellationToken cancellationToken)
    {
        var offer = await _page.EvaluateAsync<string>("""
            async () => {
              const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
              const pc = new RTCPeerConnection({ iceServers: [] });
              window.pc = pc;
              for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
              await pc.setLocalDescription(await pc.createOffer());
              // Non-trickle: wait for every candidate so one offer carries them.
              await new Promise(resolve => {
                if (pc.iceGatheringState === 'complete') return resolve();
                pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
              });
              return pc.localDescription.sdp;
            }
            """);
        var (handle, answer) = await janus.PublishAsync(room, fileBase, offer, cancellationToken);
        Handle = handle;
        await _page.EvaluateAsync("sdp => window.pc.setRemoteDescription({ type: 'answer', sdp })", answer);
        await _page.WaitForFunctionAsync("""
            async () => {
              if (window.pc.connectionState !== 'connected') return false;
              const stats = await window.pc.getStats();
              let video = 0, audio = 0;
              stats.forEach(s => { if (s.type === 'outbound-rtp') { if (s.kind === 'video') video = s.packetsSent; else audio = s.packetsSent; } });
              return video > 10 && audio > 10;
            }
            """, null, new PageWaitForFunctionOptions { PollingInterval = 100, Timeout = 20_000 });
    }

    /// <summary>Kills the browser process abruptly, like a crash or a pulled cable (no unpublish, no hangup).</summary>
    public async Task KillAsync()
    {
        IsClosed = true;
        await _browser.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!IsClosed)
        {
            IsClosed = true;
            await _browser.CloseAsync();
        }
    }
}
