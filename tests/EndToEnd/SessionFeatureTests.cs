using System.Text.Json;
using DaoVien.OnlineReception.Testing;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// One session with a group's two representatives (one on audio only): they enter together, a representative shares
/// the screen, the chairman mutes one and removes the other, who cannot come back.
/// </summary>
public sealed class SessionFeatureTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-" + Guid.NewGuid().ToString("N")[..8]), new Dictionary<string, string?>(janus.Settings));
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task GroupRepresentatives_EnterTogether_ScreenShareAudioOnlyMuteAndRemoveWork_RemovedCannotReenter()
    {
        var chairmanId = await _app.CreateStaffAsync("chutich", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var booking = await new ReceptionBookings(_app.Services).BookTodayAsync(chairmanId, "Vũ Văn Đại Diện", otherRepresentatives: ["Vũ Thị Hai"]);
        await SessionTests.OpenLobbyAsync(_app.Services);

        // Both representatives open the same join link: the first on a computer (phones are not offered screen
        // sharing), the second on a phone, choosing audio only.
        await using var firstContext = await browser.NewContextAsync(_base);
        var first = await LobbySteps.CitizenWaitsAsync(firstContext, booking.JoinPath);
        await using var secondContext = await browser.NewContextAsync(_base, phone: true);
        var second = await secondContext.NewPageAsync();
        await second.GotoAsync(booking.JoinPath);
        await second.GetByTestId("audio-only").CheckAsync();
        await second.GetByTestId("device-ok").ClickAsync();
        await Assertions.Expect(second.GetByTestId("lobby-position")).ToHaveTextAsync("1");

        await using var chairmanContext = await browser.NewContextAsync(_base);
        var chairman = await LobbySteps.ConsoleAsync(chairmanContext, "chutich", "Chairman-pass-1", queued: 1);
        var row = chairman.GetByTestId("queue-row");
        await Assertions.Expect(row).ToContainTextAsync("2/2");
        await chairman.GetByTestId("admit-next").ClickAsync();
        foreach (var page in new[] { first, second })
        {
            await Assertions.Expect(page.GetByTestId("session")).ToBeVisibleAsync();
        }

        // The chairman sees and hears the first; hears the second, who sends no video at all.
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        var participants = chairman.Locator("[data-testid=participants] li[data-role=Citizen]");
        await Assertions.Expect(participants).ToHaveCountAsync(2);
        var firstId = await participants.Filter(new() { HasTextRegex = new("^Vũ Văn Đại Diện(?! \\()") }).GetAttributeAsync("data-participant");
        var secondId = await participants.Filter(new() { HasText = "(2)" }).GetAttributeAsync("data-participant");
        await ExpectAudioOnlyFromAsync(chairman, secondId!);
        Assert.Equal(0, await second.EvaluateAsync<int>("() => window.Reception.state.camera.getVideoTracks().length"));

        // Screen sharing: the chairman gets a second tile from the first representative, and it shows frames.
        await first.GetByTestId("share-screen").ClickAsync();
        var screenTile = chairman.Locator($"[data-tile='{firstId}:screen']");
        await Assertions.Expect(screenTile).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(screenTile.Locator("figcaption")).ToContainTextAsync("màn hình");
        await chairman.WaitForFunctionAsync($"() => document.querySelector(\"[data-tile='{firstId}:screen'] video\").videoWidth > 0", null, new() { Timeout = 30_000 });

        // Mute: the first representative's microphone is switched off on their side, and everyone's list says so.
        await chairman.Locator($"[data-testid=participants] li[data-participant='{firstId}'] [data-testid=mute]").ClickAsync();
        await Assertions.Expect(first.GetByTestId("muted-flag")).ToBeVisibleAsync();
        Assert.False(await first.EvaluateAsync<bool>("() => window.Reception.state.camera.getAudioTracks()[0].enabled"));
        await Assertions.Expect(second.Locator($"[data-testid=participants] li[data-participant='{firstId}']")).ToContainTextAsync("đã tắt tiếng");

        // Remove: the second representative is out, and neither a reload nor the link brings them back.
        await chairman.Locator($"[data-testid=participants] li[data-participant='{secondId}'] [data-testid=remove]").ClickAsync();
        await Assertions.Expect(second.GetByTestId("session-finished")).ToHaveAttributeAsync("data-reason", "removed");
        await Assertions.Expect(chairman.Locator("[data-testid=participants] li[data-role=Citizen]")).ToHaveCountAsync(1);
        await second.ReloadAsync();
        await Assertions.Expect(second.GetByTestId("reception-error")).ToContainTextAsync("mời rời khỏi", new() { Timeout = 20_000 });
        await Assertions.Expect(second.GetByTestId("session")).ToBeHiddenAsync();
    }

    /// <summary>Waits until the page receives rising audio energy from <paramref name="participantId"/> and never a video frame.</summary>
    private static async Task ExpectAudioOnlyFromAsync(IPage page, string participantId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(45));
        double? firstEnergy = null;
        while (true)
        {
            using var doc = JsonDocument.Parse(await page.EvaluateAsync<string>("async () => JSON.stringify(await window.Reception.stats())"));
            if (doc.RootElement.TryGetProperty(participantId, out var p))
            {
                Assert.Equal(0, p.GetProperty("framesDecoded").GetDouble());
                var energy = p.GetProperty("audioEnergy").GetDouble();
                if (firstEnergy is null && energy > 0)
                {
                    firstEnergy = energy;
                }
                else if (energy > firstEnergy)
                {
                    return;
                }
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
