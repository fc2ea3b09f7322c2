using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Consent;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// The recording storage is not ready (free space below the floor): the chairman is told why before any session opens,
/// and a session runs unrecorded only by his explicit choice, which is logged.
/// </summary>
public sealed class RecordingStorageTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(janus.Settings)
        {
            ["Media:Recording:RecordByDefault"] = "true",
            // No disk has a petabyte free: the pre-session check fails on free space.
            ["Media:Recording:MinimumFreeSpaceMegabytes"] = "1000000000",
        };
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "store-" + Guid.NewGuid().ToString("N")[..8]), settings);
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task StorageBelowFloor_ChairmanWarnedBeforeSession_CancelOpensNothing_ExplicitChoiceRunsUnrecordedAndIsLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        var chairmanId = await _app.CreateStaffAsync("chutich.kho", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var booking = await new ReceptionBookings(_app.Services).BookTodayAsync(chairmanId);
        await SessionTests.OpenLobbyAsync(_app.Services);

        await using var chairmanContext = await browser.NewContextAsync(_base);
        var chairman = await LobbySteps.ConsoleAsync(chairmanContext, "chutich.kho", "Chairman-pass-1", queued: 0);

        // An ad-hoc reception records like a booked one: same warning; cancelling opens no session.
        await chairman.GetByTestId("open-adhoc").ClickAsync();
        await chairman.GetByTestId("adhoc-kind").SelectOptionAsync("2");
        await chairman.GetByTestId("adhoc-reason").FillAsync("Công dân đến kiến nghị về đường ngõ");
        await chairman.GetByTestId("adhoc-submit").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("recording-not-ready")).ToBeVisibleAsync();
        await Assertions.Expect(chairman.GetByTestId("recording-not-ready-problem")).ToContainTextAsync("tối thiểu 1000000000 MB");
        await chairman.GetByTestId("admit-unrecorded-cancel").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("recording-not-ready")).ToBeHiddenAsync();
        Assert.Equal(0, await _app.WithScopeAsync(sp => sp.GetRequiredService<RealtimeDbContext>().Sessions.CountAsync(ct)));

        await using var citizenContext = await browser.NewContextAsync(_base, phone: true);
        var citizen = await LobbySteps.CitizenWaitsAsync(citizenContext, booking.JoinPath);
        await Assertions.Expect(chairman.GetByTestId("queue-row")).ToHaveCountAsync(1);

        // Admitting is refused with the problem; the citizen stays waiting until the chairman decides.
        await chairman.GetByTestId("admit-next").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("recording-not-ready")).ToBeVisibleAsync();
        Assert.Equal(0, await _app.WithScopeAsync(sp => sp.GetRequiredService<RealtimeDbContext>().Sessions.CountAsync(ct)));
        await Assertions.Expect(citizen.GetByTestId("lobby-position")).ToHaveTextAsync("1");

        await chairman.GetByTestId("admit-unrecorded").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("session")).ToBeVisibleAsync();
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        // Nothing is recorded, so there is no notice to acknowledge and no indicator.
        await Assertions.Expect(citizen.GetByTestId("recording-notice")).ToBeHiddenAsync();
        await Assertions.Expect(citizen.GetByTestId("recording-indicator")).ToBeHiddenAsync();

        var sessionId = Guid.Parse((await citizen.GetByTestId("session").GetAttributeAsync("data-session-id"))!);
        var choice = await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Events.AsNoTracking()
            .SingleAsync(e => e.SessionId == sessionId && e.Kind == RecordingEventKind.RunUnrecorded, ct));
        Assert.Equal(chairmanId, choice.StaffId);
        Assert.Contains("tối thiểu", choice.Detail, StringComparison.Ordinal);
        var raw = _app.Services.GetRequiredService<RecordingPaths>().RawFolder(sessionId);
        Assert.True(!Directory.Exists(raw) || Directory.GetFiles(raw, "*.mjr").Length == 0, "a session run unrecorded wrote recordings");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
