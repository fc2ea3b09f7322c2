using System.Globalization;
using System.Text.Json;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.Realtime.Bench;

// Join-to-first-remote-frame: (1) through the app and its embedded Janus, as a person does it: a citizen waits in the
// lobby with the device check done, the chairman clicks "admit next"; measured from that click to the first video
// frame the citizen's page decodes from the chairman (admission, hub join, both publishes, subscription, ICE, DTLS
// and the first key frame, the chairman joining at the same moment); (2) the floor: two pages of the same Chromium
// with their cameras already open connect one direct RTCPeerConnection (offer/answer relayed by this driver, ICE
// gathered before sending as the app does); measured from createOffer to the first decoded frame at the receiver.
// Needs the WebRTC network namespace: bench/run-in-netns.sh.
internal static class JoinBench
{
    private const string FirstFrameScript = """
        async (since) => {
          for (;;) {
            const s = await window.Reception.stats();
            if (Object.values(s).some((p) => p.framesDecoded > 0)) return Date.now() - since;
            await new Promise((r) => setTimeout(r, 5));
          }
        }
        """;

    public static async Task RunAsync(string[] args)
    {
        // --smoke: two joins each way, same code path (the first is the slow one: JIT, first room).
        var joins = args.Contains("--smoke") ? 2 : args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        await using var app = BenchApp.Create(await postgres.CreateDatabaseAsync("joinbench"), Path.Combine(postgres.RootDirectory, "join-app"),
            new Dictionary<string, string?> { ["Media:Janus:IceEnforceList"] = JanusServer.IceInterface });
        var baseAddress = app.StartOnSocket();
        var chairmanId = await app.CreateStaffAsync("chutich", "Chairman-pass-1", "Chủ Tịch", "Chairman");
        var bookings = new ReceptionBookings(app.Services);
        var day = await bookings.OpenDayAsync(chairmanId, capacity: joins + 1);
        var citizens = new List<BookedCitizen>();
        for (var i = 0; i < joins; i++)
        {
            citizens.Add(await bookings.BookAsync(day, i, "Công dân " + (i + 1).ToString(CultureInfo.InvariantCulture)));
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LobbyDoor>().SweepAsync(CancellationToken.None);
        }

        var browser = new BrowserFixture();
        await browser.InitializeAsync();
        try
        {
            var throughJanus = await MeasureJanusAsync(browser, baseAddress, citizens);
            var direct = await MeasureDirectAsync(browser, baseAddress, joins);
            Print("through Janus (admit click → citizen decodes chairman)", throughJanus);
            Print("direct RTCPeerConnection (floor)", direct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio Janus/direct: p50 {Percentile(throughJanus, 0.50) / Percentile(direct, 0.50):0.0}×, p95 {Percentile(throughJanus, 0.95) / Percentile(direct, 0.95):0.0}×"));
        }
        finally
        {
            await browser.DisposeAsync();
            await postgres.DisposeAsync();
        }
    }

    private static async Task<List<double>> MeasureJanusAsync(BrowserFixture browser, Uri baseAddress, List<BookedCitizen> citizens)
    {
        var result = new List<double>();
        await using var chairmanContext = await browser.NewContextAsync(baseAddress);
        chairmanContext.SetDefaultTimeout(60_000);
        var chairman = await chairmanContext.NewPageAsync();
        await chairman.SignInAsync("chutich", "Chairman-pass-1");
        await chairman.GotoAsync("/Console");
        foreach (var citizen in citizens)
        {
            await using var context = await browser.NewContextAsync(baseAddress);
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync(citizen.JoinPath);
            try
            {
                await page.GetByTestId("device-ok").ClickAsync();
            }
            catch (TimeoutException)
            {
                // The device check never showed: say what the page says (the hub unreachable, no camera…).
                Console.Error.WriteLine("citizen page error: " + await page.GetByTestId("reception-error").TextContentAsync());
                throw;
            }

            await Assertions.Expect(page.GetByTestId("lobby-position")).ToHaveTextAsync("1");
            await Assertions.Expect(chairman.GetByTestId("queue-row")).ToHaveCountAsync(1);
            var clickedAt = await chairman.EvaluateAsync<double>("() => Date.now()");
            var firstFrame = page.EvaluateAsync<double>(FirstFrameScript, clickedAt);
            await chairman.GetByTestId("admit-next").ClickAsync();
            result.Add(await firstFrame);
            await Assertions.Expect(chairman.GetByTestId("presiding-controls")).ToBeVisibleAsync();
            await chairman.GetByTestId("end-outcome").SelectOptionAsync("0");
            await chairman.GetByTestId("end-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("session-finished")).ToBeVisibleAsync();
            // The console closes its connection when the session ends; the chairman opens it again for the next one.
            await chairman.GotoAsync("/Console");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  janus join {result.Count}: {result[^1]:0} ms"));
        }

        return result;
    }

    private static async Task<List<double>> MeasureDirectAsync(BrowserFixture browser, Uri baseAddress, int joins)
    {
        var result = new List<double>();
        await using var senderContext = await browser.NewContextAsync(baseAddress);
        await using var receiverContext = await browser.NewContextAsync(baseAddress);
        var sender = await senderContext.NewPageAsync();
        var receiver = await receiverContext.NewPageAsync();
        // Any page of the app: a secure origin (loopback) where getUserMedia works.
        await sender.GotoAsync("/");
        await receiver.GotoAsync("/");
        await sender.EvaluateAsync("async () => { window.cam = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } }); }");
        const string waitIce = "(pc) => new Promise((r) => { if (pc.iceGatheringState === 'complete') r(); pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') r(); }); setTimeout(r, 2500); })";
        for (var i = 0; i < joins; i++)
        {
            var started = await sender.EvaluateAsync<JsonElement>($$"""
                async () => {
                  const waitIce = {{waitIce}};
                  if (window.pc) window.pc.close();
                  const started = Date.now();
                  const pc = window.pc = new RTCPeerConnection();
                  for (const t of window.cam.getTracks()) pc.addTransceiver(t, { direction: 'sendonly', streams: [window.cam] });
                  await pc.setLocalDescription(await pc.createOffer());
                  await waitIce(pc);
                  return { started, sdp: pc.localDescription.sdp };
                }
                """);
            var startedAt = started.GetProperty("started").GetDouble();
            var offer = started.GetProperty("sdp").GetString();
            var answer = await receiver.EvaluateAsync<string>($$"""
                async (offer) => {
                  const waitIce = {{waitIce}};
                  if (window.pc) window.pc.close();
                  const pc = window.pc = new RTCPeerConnection();
                  pc.ontrack = () => {};
                  await pc.setRemoteDescription({ type: 'offer', sdp: offer });
                  await pc.setLocalDescription(await pc.createAnswer());
                  await waitIce(pc);
                  return pc.localDescription.sdp;
                }
                """, offer);
            var firstFrame = receiver.EvaluateAsync<double>("""
                async (since) => {
                  for (;;) {
                    const report = await window.pc.getStats();
                    let frames = 0;
                    report.forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0; });
                    if (frames > 0) return Date.now() - since;
                    await new Promise((r) => setTimeout(r, 5));
                  }
                }
                """, startedAt);
            await sender.EvaluateAsync("async (answer) => { await window.pc.setRemoteDescription({ type: 'answer', sdp: answer }); }", answer);
            result.Add(await firstFrame);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  direct join {result.Count}: {result[^1]:0} ms"));
        }

        return result;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static void Print(string label, List<double> values) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {values.Count} joins, p50 {Percentile(values, 0.50):0} ms, p95 {Percentile(values, 0.95):0} ms, min {values.Min():0} ms, max {values.Max():0} ms"));
}
