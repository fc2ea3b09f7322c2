using System.Diagnostics;
using DaoVien.OnlineReception.Realtime.MediaServer;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>The app's own (embedded) Janus dies mid-session: the app restarts it and both sides get back in.</summary>
public sealed class SessionMediaRestartTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-" + Guid.NewGuid().ToString("N")[..8]),
                new Dictionary<string, string?> { ["Media:Janus:IceEnforceList"] = JanusServer.IceInterface });
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task EmbeddedJanusKilledDuringSession_AppRestartsIt_ParticipantsSeeAndHearEachOtherAgain()
    {
        var chairmanId = await _app.CreateStaffAsync("chutich", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var booking = await new ReceptionBookings(_app.Services).BookTodayAsync(chairmanId);
        await SessionTests.OpenLobbyAsync(_app.Services);

        await using var citizenContext = await browser.NewContextAsync(_base);
        var citizen = await citizenContext.NewPageAsync();
        await citizen.GotoAsync(booking.JoinPath);
        await citizen.GetByTestId("device-ok").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("lobby-position")).ToHaveTextAsync("1");
        await using var chairmanContext = await browser.NewContextAsync(_base);
        var chairman = await chairmanContext.NewPageAsync();
        await chairman.SignInAsync("chutich", "Chairman-pass-1");
        await chairman.GotoAsync("/Console");
        await chairman.GetByTestId("admit-next").ClickAsync();
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);

        var gateway = _app.Services.GetRequiredService<JanusGateway>();
        var generation = gateway.Generation;
        using (var janus = Process.GetProcessById(gateway.EmbeddedProcessId!.Value))
        {
            janus.Kill();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!(gateway.Generation > generation && gateway.IsConnected))
        {
            await Task.Delay(50, timeout.Token);
        }

        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        Assert.NotEqual(generation, gateway.Generation);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
