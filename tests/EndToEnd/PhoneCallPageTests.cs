using System.Text.Json;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Issue 13, item 1: the call page made for a 390-px phone — the chairman large and the self-view small, a control bar
/// (microphone, camera, audio-only, chat, leave) whose effects the chairman's side sees, chat as a panel, screen share
/// only on a computer, a keyboard-only path and axe on the phone and the desktop.
/// </summary>
public sealed class PhoneCallPageTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-call-" + Guid.NewGuid().ToString("N")[..8]), new Dictionary<string, string?>(janus.Settings)).WithSystemClock();
        _base = _app.StartOnSocket();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CitizenOnPhone_UsesTheControlBar_ChairmanSeesMicCameraAudioOnlyChatAndLeave()
    {
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.call");
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        await parties.AdmitAsync(acknowledge: false);
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        var citizenId = (await chairman.Locator("[data-testid=participants] li[data-role=Citizen]").GetAttributeAsync("data-participant"))!;
        // Media flows: the quality reading replaces "connecting" at once, on both sides.
        await Assertions.Expect(citizen.GetByTestId("call-quality")).Not.ToHaveAttributeAsync("data-level", "connecting");
        await Assertions.Expect(chairman.GetByTestId("call-quality")).Not.ToHaveAttributeAsync("data-level", "connecting");
        await Screenshots.SaveAsync(citizen, "call", phone: true);
        await chairman.GetByTestId("session").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(chairman, "console-call", phone: false, fullPage: false);

        // The chairman fills the phone's width; the self-view is a small picture in its corner.
        var main = citizen.Locator("[data-tile][data-main]");
        await Assertions.Expect(main).ToHaveAttributeAsync("data-role", "Presiding");
        var mainBox = (await main.BoundingBoxAsync())!;
        var selfBox = (await citizen.GetByTestId("self-tile").BoundingBoxAsync())!;
        Assert.True(mainBox.Width >= 340, $"the chairman's tile is {mainBox.Width} px wide");
        Assert.True(selfBox.Width <= mainBox.Width / 3, $"the self-view is {selfBox.Width} px wide");
        Assert.True(selfBox.X >= mainBox.X && selfBox.X + selfBox.Width <= mainBox.X + mainBox.Width && selfBox.Y >= mainBox.Y, "the self-view sits over the chairman's tile");
        Assert.True(await citizen.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"), "the call scrolls sideways");

        // Screen sharing only where it works: not on the phone, on the chairman's computer.
        await Assertions.Expect(citizen.GetByTestId("share-screen")).ToBeHiddenAsync();
        await Assertions.Expect(chairman.GetByTestId("share-screen")).ToBeVisibleAsync();
        await Assertions.Expect(citizen.GetByTestId("call-quality")).ToHaveAttributeAsync("data-level", new System.Text.RegularExpressions.Regex("^(good|fair|poor)$"));
        await Accessibility.ExpectNoSeriousViolationsAsync(citizen);
        await Accessibility.ExpectNoSeriousViolationsAsync(chairman);

        // Microphone off: the chairman hears silence; on again: sound.
        var mic = citizen.GetByRole(AriaRole.Button, new() { Name = "Tắt micrô" });
        await mic.ClickAsync();
        await Assertions.Expect(mic).ToHaveAttributeAsync("aria-pressed", "true");
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: false, still: true);
        await mic.ClickAsync();
        await Assertions.Expect(mic).ToHaveAttributeAsync("aria-pressed", "false");
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: false, still: false);

        // Camera off: the chairman's tile of the citizen goes black; on again: the picture is back.
        var camera = citizen.GetByRole(AriaRole.Button, new() { Name = "Tắt camera" });
        await camera.ClickAsync();
        await Assertions.Expect(camera).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(citizen.GetByTestId("camera-off-note")).ToBeVisibleAsync();
        await chairman.WaitForFunctionAsync(BrightnessBelow, new object[] { citizenId, 8 });
        await camera.ClickAsync();
        await Assertions.Expect(camera).ToHaveAttributeAsync("aria-pressed", "false");
        await chairman.WaitForFunctionAsync(BrightnessAbove, new object[] { citizenId, 20 });

        // Audio only: no video leaves the phone (the camera is released), sound goes on; and back.
        var audioOnly = citizen.GetByRole(AriaRole.Button, new() { Name = "Chỉ dùng âm thanh" });
        await audioOnly.ClickAsync();
        await Assertions.Expect(audioOnly).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(citizen.GetByTestId("audio-only-note")).ToBeVisibleAsync();
        Assert.Equal(0, await citizen.EvaluateAsync<int>("() => window.Reception.state.camera.getVideoTracks().length"));
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: true, still: true);
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: false, still: false);
        await audioOnly.ClickAsync();
        await Assertions.Expect(audioOnly).ToHaveAttributeAsync("aria-pressed", "false");
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: true, still: false);

        // Chat: a panel over the call on the phone; the chairman receives the message; Escape closes the panel.
        var chatPanel = citizen.GetByTestId("chat-panel");
        await Assertions.Expect(chatPanel).ToBeHiddenAsync();
        await citizen.GetByTestId("chat-toggle").ClickAsync();
        await Assertions.Expect(chatPanel).ToBeVisibleAsync();
        await Assertions.Expect(citizen.GetByTestId("chat-input")).ToBeFocusedAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(citizen);
        await citizen.GetByTestId("chat-input").FillAsync("Tôi xin gửi thêm giấy tờ về thửa đất");
        await citizen.Keyboard.PressAsync("Enter");
        await Assertions.Expect(chairman.GetByTestId("chat-log")).ToContainTextAsync("Tôi xin gửi thêm giấy tờ về thửa đất");
        await citizen.Keyboard.PressAsync("Escape");
        await Assertions.Expect(chatPanel).ToBeHiddenAsync();
        await Assertions.Expect(citizen.GetByTestId("chat-toggle")).ToBeFocusedAsync();
        // A message while the panel is closed is announced and counted on the button.
        await LobbySteps.SendChatAsync(chairman, "Ông/bà gửi bản chụp qua bộ phận một cửa");
        await Assertions.Expect(citizen.GetByTestId("chat-announcer")).ToContainTextAsync("Ông/bà gửi bản chụp qua bộ phận một cửa");
        await Assertions.Expect(citizen.GetByTestId("chat-unread")).ToHaveTextAsync("1");

        // The same call on a desktop-wide window: a grid beside the chat panel, still without serious axe findings.
        await citizen.SetViewportSizeAsync(1280, 800);
        await Assertions.Expect(citizen.GetByTestId("chat-panel")).ToBeHiddenAsync();
        await citizen.GetByTestId("chat-toggle").ClickAsync();
        await Assertions.Expect(chatPanel).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(citizen);
        await citizen.GetByTestId("chat-close").ClickAsync();
        await citizen.SetViewportSizeAsync(390, 844);

        // Leave asks first: "Ở lại" keeps the call, "Rời buổi tiếp" ends it for the citizen and the chairman sees it.
        await citizen.GetByTestId("leave").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("leave-confirm")).ToBeVisibleAsync();
        await citizen.GetByTestId("leave-no").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("leave-confirm")).ToBeHiddenAsync();
        await Assertions.Expect(citizen.GetByTestId("session")).ToBeVisibleAsync();
        await citizen.GetByTestId("leave").ClickAsync();
        await citizen.GetByTestId("leave-yes").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("session")).ToBeHiddenAsync();
        await Assertions.Expect(citizen.GetByTestId("session-finished")).ToContainTextAsync("đã rời buổi tiếp");
        await Assertions.Expect(chairman.Locator($"[data-tile='{citizenId}:camera']")).ToHaveCountAsync(0);
    }

    // A phone's browser (iOS Safari, Chromium on Android without engagement) refuses to start media with sound outside
    // a tap. Debian's Chromium, even with --autoplay-policy=user-gesture-required, lets a page that captures the camera
    // play a MediaStream, so the citizen's page is given that policy itself before its scripts run: play() on an
    // element with sound is refused with NotAllowedError unless a click is being handled, and autoplay does nothing.
    private const string PhoneAutoplayPolicy = """
        (() => {
          let clicking = false;
          addEventListener('click', () => { clicking = true; setTimeout(() => { clicking = false; }, 0); }, true);
          const play = HTMLMediaElement.prototype.play;
          HTMLMediaElement.prototype.play = function () {
            if (this.muted || clicking) return play.call(this);
            return Promise.reject(new DOMException('play() can only be initiated by a user gesture.', 'NotAllowedError'));
          };
          Object.defineProperty(HTMLMediaElement.prototype, 'autoplay', { configurable: true, get() { return false; }, set() {} });
        })();
        """;

    private const string RemotePlaying = "() => [...document.querySelectorAll('[data-tile]:not(.self) video')].some(v => v.srcObject && !v.paused && v.currentTime > 0)";

    [Fact]
    public async Task AutoplayRefused_CitizenSeesEnableSound_ATapStartsTheChairmansPictureAndSound()
    {
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.sound",
            prepareCitizen: context => context.AddInitScriptAsync(PhoneAutoplayPolicy));
        var citizen = parties.Citizen;
        await parties.AdmitAsync(acknowledge: false);

        var notice = citizen.GetByTestId("autoplay-blocked");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        Assert.False(await citizen.EvaluateAsync<bool>(RemotePlaying));
        Assert.Empty(await Accessibility.SeriousViolationsAsync(citizen));

        await citizen.GetByTestId("unmute-remote").ClickAsync();

        await Assertions.Expect(notice).ToBeHiddenAsync();
        await citizen.WaitForFunctionAsync(RemotePlaying, null, new() { Timeout = 20_000 });
        Assert.False(await citizen.Locator("[data-tile]:not(.self) video").First.EvaluateAsync<bool>("v => v.muted"));
    }

    [Fact]
    public async Task KeyboardOnly_TabReachesEveryControlWithVisibleFocus_EnterTogglesMicrophone()
    {
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.keys");
        var citizen = parties.Citizen;
        await parties.AdmitAsync(acknowledge: false);
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);

        // Tab from the top of the page until every control of the bar has had the focus, each with a visible ring.
        var wanted = new HashSet<string>(StringComparer.Ordinal) { "toggle-mic", "toggle-camera", "toggle-audio-only", "chat-toggle", "leave" };
        var reached = new HashSet<string>(StringComparer.Ordinal);
        await citizen.Locator("body").FocusAsync();
        for (var i = 0; i < 60 && !wanted.IsSubsetOf(reached); i++)
        {
            await citizen.Keyboard.PressAsync("Tab");
            var focused = await citizen.EvaluateAsync<string>("""
                () => { const el = document.activeElement; const s = getComputedStyle(el);
                        return JSON.stringify({ id: el.dataset.testid || '', ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 }); }
                """);
            using var doc = JsonDocument.Parse(focused);
            var id = doc.RootElement.GetProperty("id").GetString()!;
            if (wanted.Contains(id))
            {
                Assert.True(doc.RootElement.GetProperty("ring").GetBoolean(), $"{id} has the focus without a visible ring");
                reached.Add(id);
            }
        }

        Assert.Subset(reached, wanted);

        // Keyboard only: Enter on the microphone button turns it off, Space turns it on again.
        await citizen.GetByTestId("toggle-mic").FocusAsync();
        await citizen.Keyboard.PressAsync("Enter");
        await Assertions.Expect(citizen.GetByTestId("toggle-mic")).ToHaveAttributeAsync("aria-pressed", "true");
        await citizen.Keyboard.PressAsync(" ");
        await Assertions.Expect(citizen.GetByTestId("toggle-mic")).ToHaveAttributeAsync("aria-pressed", "false");
        // The chat panel opens from the keyboard, takes the focus, and Escape gives it back.
        await citizen.GetByTestId("chat-toggle").FocusAsync();
        await citizen.Keyboard.PressAsync("Enter");
        await Assertions.Expect(citizen.GetByTestId("chat-input")).ToBeFocusedAsync();
        await citizen.Keyboard.PressAsync("Escape");
        await Assertions.Expect(citizen.GetByTestId("chat-panel")).ToBeHiddenAsync();
        await Assertions.Expect(citizen.GetByTestId("chat-toggle")).ToBeFocusedAsync();
    }

    // The phone's uplink turns bad: from the moment the page sets the flag, every getStats() of the real connection also
    // carries what the far end reports about a lossy, slow path (a third of the packets lost, 600 ms round trip).
    private const string LossyUplink = """
        (() => {
          const getStats = RTCPeerConnection.prototype.getStats;
          RTCPeerConnection.prototype.getStats = async function (...args) {
            const report = await getStats.apply(this, args);
            if (!window.__lossyUplink) return report;
            const worse = new Map(report);
            worse.set('lossy', { type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.33, roundTripTime: 0.6 });
            return worse;
          };
        })();
        """;

    [Fact]
    public async Task PoorUplinkDuringTheCall_BannerSuggestsAudioOnly_AcceptingTurnsTheCameraOffForTheChairman()
    {
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.uplink",
            prepareCitizen: context => context.AddInitScriptAsync(LossyUplink));
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        await parties.AdmitAsync(acknowledge: false);
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        var citizenId = (await chairman.Locator("[data-testid=participants] li[data-role=Citizen]").GetAttributeAsync("data-participant"))!;
        await Assertions.Expect(citizen.GetByTestId("call-quality")).ToHaveAttributeAsync("data-level", "good");
        await Assertions.Expect(citizen.GetByTestId("poor-uplink")).ToBeHiddenAsync();

        await citizen.EvaluateAsync("() => { window.__lossyUplink = true; }");

        // A few poor readings in a row: the indicator says so and the banner offers audio only, read out politely.
        await Assertions.Expect(citizen.GetByTestId("call-quality")).ToHaveAttributeAsync("data-level", "poor");
        var banner = citizen.GetByTestId("poor-uplink");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToHaveAttributeAsync("role", "status");
        Assert.Empty(await Accessibility.SeriousViolationsAsync(citizen));
        await citizen.GetByTestId("poor-uplink-accept").ClickAsync();

        await Assertions.Expect(banner).ToBeHiddenAsync();
        await Assertions.Expect(citizen.GetByTestId("toggle-audio-only")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(citizen.GetByTestId("audio-only-note")).ToBeVisibleAsync();
        // No video leaves the phone any more: the chairman's picture of the citizen stands still, the sound goes on.
        Assert.Equal(0, await citizen.EvaluateAsync<int>("() => window.Reception.state.camera.getVideoTracks().length"));
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: true, still: true);
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: false, still: false);
    }

    [Fact]
    public async Task PhoneLosesTheNetwork_ReconnectingShownAndAnnounced_BackOnlineTheCallGoesOn()
    {
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.offline");
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        await parties.AdmitAsync(acknowledge: false);
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        var note = citizen.GetByTestId("call-reconnecting");
        await Assertions.Expect(note).ToBeHiddenAsync();

        // The phone goes offline (a lift, a tunnel): the page says it is reconnecting, in words and to a screen reader.
        await citizen.Context.SetOfflineAsync(true);
        await Assertions.Expect(note).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Assertions.Expect(note).ToContainTextAsync("kết nối lại");
        await Assertions.Expect(note).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(citizen.GetByTestId("call-quality")).ToHaveAttributeAsync("data-level", "reconnecting");

        // Back online: the note goes, the citizen is in the same session and the chat reaches the chairman.
        await citizen.Context.SetOfflineAsync(false);
        await Assertions.Expect(note).ToBeHiddenAsync(new() { Timeout = 45_000 });
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await citizen.GetByTestId("chat-toggle").ClickAsync();
        await citizen.GetByTestId("chat-input").FillAsync("Tôi đã vào lại được.");
        await citizen.GetByTestId("chat-send").ClickAsync();
        await chairman.GetByTestId("chat-toggle").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("chat-log")).ToContainTextAsync("Tôi đã vào lại được.");
    }

    [Fact]
    public async Task PhoneWithSeveralCameras_SwitchOffered_EachTapMovesToTheNextCameraOnTheSameConnection()
    {
        // Chromium's fake capture with three cameras. Its second one delivers 16-bit depth frames (Y16) that a video
        // element shows but no encoder takes, so the chairman's picture is checked on the third, an ordinary camera.
        await using var phoneBrowser = await browser.LaunchAsync("--use-fake-device-for-media-stream=device-count=3");
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.switch", citizenBrowser: phoneBrowser);
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        await parties.AdmitAsync(acknowledge: false);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        var citizenId = (await chairman.Locator("[data-testid=participants] li[data-role=Citizen]").GetAttributeAsync("data-participant"))!;
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: true, still: false);

        // Which camera feeds the phone's one video sender, and that sender's connection (it must stay the same one).
        const string Sending = """
            () => {
              const pc = window.Reception.state.publishers.camera;
              window.__firstPublisher ??= pc;
              const sender = pc.getSenders().find(s => s.track && s.track.kind === 'video');
              return [sender.track.getSettings().deviceId, String(pc === window.__firstPublisher)].join(' ');
            }
            """;
        var cameras = await citizen.EvaluateAsync<string[]>("async () => (await navigator.mediaDevices.enumerateDevices()).filter(d => d.kind === 'videoinput').map(d => d.deviceId)");
        Assert.Equal(3, cameras.Length);
        Assert.Equal($"{cameras[0]} true", await citizen.EvaluateAsync<string>(Sending));
        var switchCamera = citizen.GetByTestId("switch-camera");
        await Assertions.Expect(switchCamera).ToBeVisibleAsync();
        await Assertions.Expect(switchCamera).ToHaveAccessibleNameAsync("Đổi camera trước/sau");

        foreach (var next in new[] { cameras[1], cameras[2] })
        {
            await switchCamera.ClickAsync();
            await citizen.WaitForFunctionAsync($"expected => ({Sending})() === expected", $"{next} true");
        }

        // The third camera's picture reaches the chairman over the connection the call began with.
        await SessionMediaProbe.ExpectFromAsync(chairman, citizenId, video: true, still: false);
        Assert.Equal(1, await citizen.EvaluateAsync<int>("() => window.Reception.state.camera.getVideoTracks().length"));
    }

    [Fact]
    public async Task UplinkThresholds_SeveralPoorSamplesInARow_SuggestAudioOnly()
    {
        await using var context = await browser.NewContextAsync(_base, phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Calendar");
        await page.AddScriptTagAsync(new() { Url = "/js/call-quality.js" });

        // Stats as getStats() reports them: the encoder held back by bandwidth, the far end's loss and round trip.
        var result = await page.EvaluateAsync<string>("""
            () => {
              const Q = window.CallQuality;
              const report = (limitation, loss, rtt) => new Map([
                ['o', { type: 'outbound-rtp', kind: 'video', qualityLimitationReason: limitation }],
                ['r', { type: 'remote-inbound-rtp', kind: 'video', fractionLost: loss, roundTripTime: rtt }]]);
              const good = Q.sample(report('none', 0, 0.05));
              const lossy = Q.sample(report('none', 0.12, 0.05));
              const slow = Q.sample(report('none', 0, 0.35));
              const squeezed = Q.sample(report('bandwidth', 0, 0.05));
              return JSON.stringify({
                levels: [good, lossy, slow, squeezed].map(Q.level),
                threePoor: Q.assess([good, squeezed, lossy, squeezed]).suggestAudioOnly,
                twoPoor: Q.assess([good, good, lossy, squeezed]).suggestAudioOnly,
                recovered: Q.assess([squeezed, lossy, squeezed, good]),
                none: Q.assess([]).level,
              });
            }
            """);
        using var doc = JsonDocument.Parse(result);
        var json = doc.RootElement;
        string[] expected = ["good", "poor", "fair", "poor"];
        Assert.Equal(expected, json.GetProperty("levels").EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        Assert.True(json.GetProperty("threePoor").GetBoolean());
        Assert.False(json.GetProperty("twoPoor").GetBoolean());
        Assert.Equal("good", json.GetProperty("recovered").GetProperty("level").GetString());
        Assert.False(json.GetProperty("recovered").GetProperty("suggestAudioOnly").GetBoolean());
        Assert.Equal("connecting", json.GetProperty("none").GetString());
    }

    // Mean brightness (0–255) of the chairman's picture of the citizen, on a small canvas.
    private const string Brightness = """
        const v = document.querySelector(`[data-tile="${id}:camera"] video`);
        if (!v || !v.videoWidth) return -1;
        const c = document.createElement('canvas'); c.width = 64; c.height = 36;
        const g = c.getContext('2d'); g.drawImage(v, 0, 0, 64, 36);
        const d = g.getImageData(0, 0, 64, 36).data; let sum = 0;
        for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
        return sum / (d.length / 4) / 3;
        """;

    private const string BrightnessBelow = "([id, limit]) => { const b = (() => {" + Brightness + "})(); return b >= 0 && b < limit; }";

    private const string BrightnessAbove = "([id, limit]) => { const b = (() => {" + Brightness + "})(); return b > limit; }";
}

/// <summary>
/// Issue 13, item 1: the recording notice read in full on the phone, with the choice it promises; a refusal reaches the
/// chairman, who continues unrecorded, and both the refusal and the choice are stored (docs/adr/0093).
/// </summary>
public sealed class PhoneCallPageRefusalTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(janus.Settings) { ["Media:Recording:RecordByDefault"] = "true" };
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-refuse-" + Guid.NewGuid().ToString("N")[..8]), settings).WithSystemClock();
        _base = _app.StartOnSocket();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CitizenRefusesRecording_ChairmanContinuesUnrecorded_RefusalAndChoiceStored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.refuse");
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        await chairman.GetByTestId("admit-next").ClickAsync();
        await chairman.GetByTestId("recording-acknowledge").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("recording-refuse")).ToBeHiddenAsync();

        // The whole notice on the phone: no inner scroll box, the right to refuse and what follows, two real choices.
        var notice = citizen.GetByTestId("recording-notice");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        var text = citizen.GetByTestId("recording-notice-text");
        await Assertions.Expect(text).ToContainTextAsync("Ông/bà có quyền không đồng ý ghi hình");
        await Assertions.Expect(text).ToContainTextAsync("hẹn ông/bà đến tiếp trực tiếp tại trụ sở");
        await Assertions.Expect(text).Not.ToContainTextAsync("bạn");
        Assert.True(await text.EvaluateAsync<bool>("el => el.scrollHeight <= el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'auto'"), "the notice is cut by a scroll box");
        await Assertions.Expect(citizen.GetByRole(AriaRole.Button, new() { Name = "Đồng ý ghi hình" })).ToBeVisibleAsync();
        await Accessibility.ExpectNoSeriousViolationsAsync(citizen);

        await citizen.GetByRole(AriaRole.Button, new() { Name = "Không đồng ý" }).ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("recording-refused-note")).ToContainTextAsync("Người chủ trì đã được báo");

        // The chairman is told who refused and continues without recording.
        var refused = chairman.GetByTestId("recording-refused");
        await Assertions.Expect(refused).ToBeVisibleAsync();
        await Assertions.Expect(chairman.GetByTestId("recording-refused-name")).ToHaveTextAsync("Nguyễn Văn Dân");
        var sessionId = Guid.Parse((await chairman.GetByTestId("session").GetAttributeAsync("data-session-id"))!);
        var citizenId = await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Events.AsNoTracking()
            .Where(e => e.SessionId == sessionId && e.Kind == RecordingEventKind.ConsentRefused).Select(e => e.ParticipantId).SingleAsync(ct));
        await chairman.GetByTestId("continue-unrecorded").ClickAsync();
        await Assertions.Expect(refused).ToBeHiddenAsync();

        // The citizen's call starts unrecorded: the notice goes, media flows both ways, no recording indicator.
        await Assertions.Expect(notice).ToBeHiddenAsync();
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        foreach (var page in new[] { citizen, chairman })
        {
            await Assertions.Expect(page.GetByTestId("recording-indicator")).ToBeHiddenAsync();
        }

        // Stored: the refusal (who, which notice) and the chairman's logged choice; no consent for the citizen.
        var events = await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Events.AsNoTracking()
            .Where(e => e.SessionId == sessionId).ToListAsync(ct));
        Assert.Contains(events, e => e.Kind == RecordingEventKind.ConsentRefused && e.ParticipantId == citizenId && e.Detail!.StartsWith("vi-1-", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == RecordingEventKind.RunUnrecorded && e.StaffId == parties.ChairmanId);
        Assert.False(await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Consents.AnyAsync(c => c.SessionId == sessionId && c.ParticipantId == citizenId, ct)));
    }
}
