using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

public sealed class SessionTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-" + Guid.NewGuid().ToString("N")[..8]), new Dictionary<string, string?>(janus.Settings));
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task CitizenJoinsLobby_ChairmanAdmitsAndInvitesOfficial_AllSeeAndHearEachOther_ChatReload_EndWithOutcomeStored()
    {
        var officialId = await _app.CreateStaffAsync("congan", "Official-pass-1", "Trần Công An", TestRoles.Staff);
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich");
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        // The lobby on the citizen's phone and the console with a citizen waiting, then both in the call.
        await Accessibility.ExpectNoSeriousViolationsAsync(citizen);
        await Accessibility.ExpectNoSeriousViolationsAsync(chairman);
        await chairman.GetByTestId("admit-next").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("session")).ToBeVisibleAsync();
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        await Accessibility.ExpectNoSeriousViolationsAsync(citizen);
        await Accessibility.ExpectNoSeriousViolationsAsync(chairman);

        await chairman.GetByTestId("invite-select").SelectOptionAsync(officialId.ToString());
        await chairman.GetByTestId("invite-submit").ClickAsync();
        await using var officialContext = await browser.NewContextAsync(_base);
        var official = await officialContext.NewPageAsync();
        await official.SignInAsync("congan", "Official-pass-1");
        await official.GotoAsync("/Console");
        await official.GetByTestId("join-invited").ClickAsync();
        foreach (var page in new[] { citizen, chairman, official })
        {
            await SessionMediaProbe.ExpectDecodingFromAsync(page, 2);
        }

        await LobbySteps.SendChatAsync(citizen, "Tôi xin trình bày về thửa đất");
        foreach (var page in new[] { citizen, chairman, official })
        {
            await Assertions.Expect(page.GetByTestId("chat-log")).ToContainTextAsync("Tôi xin trình bày về thửa đất");
        }

        await citizen.ReloadAsync();
        await Assertions.Expect(citizen.GetByTestId("session")).ToBeVisibleAsync();
        await Assertions.Expect(citizen.GetByTestId("chat-log")).ToContainTextAsync("Tôi xin trình bày về thửa đất");
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 2);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 2);

        var sessionId = Guid.Parse((await citizen.GetByTestId("session").GetAttributeAsync("data-session-id"))!);
        await chairman.GetByTestId("end-outcome").SelectOptionAsync("1");
        await chairman.GetByTestId("end-note").FillAsync("Tiếp nhận đơn khiếu nại");
        await chairman.GetByTestId("end-submit").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("session-finished")).ToBeVisibleAsync();

        await using var scope = _app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IReceptionSessionDirectory>().FindAsync(sessionId, TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal(SessionOutcome.CaseAccepted, stored.Outcome);
        Assert.NotNull(stored.EndedAt);
        Assert.Equal(1, stored.ChatMessageCount);
        Assert.Equal(
            [ParticipantRole.Citizen, ParticipantRole.Presiding, ParticipantRole.Official],
            stored.Participants.Select(p => p.Role).Order());

        // An ended session cannot be re-entered, not even from the same tab.
        await citizen.ReloadAsync();
        await Assertions.Expect(citizen.GetByTestId("reception-error")).ToContainTextAsync("kết thúc");
    }

    internal static async Task OpenLobbyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LobbyDoor>().SweepAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
