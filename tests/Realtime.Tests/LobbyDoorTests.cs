using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>The lobby door follows the ward's clock: shut before 15 minutes ahead of the first slot, shut at the day's end.</summary>
public sealed class LobbyDoorTests(PostgresServer server) : IAsyncLifetime
{
    // Wednesday 2 December 2026, 07:30 in Hà Nội (UTC+7).
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 0, 30, 0, TimeSpan.Zero));
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;
    private HubConnection? _citizen;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "rt-" + Guid.NewGuid().ToString("N")[..8]),
                new Dictionary<string, string?> { ["Scheduling:DefaultRule:Enabled"] = "false", ["Scheduling:PublishOnStart"] = "false" })
            .WithServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(_time);
            });
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task EnterLobby_BeforeOpeningAndAfterTheDaysEnd_RefusedAndWaitingCitizenToldItClosed()
    {
        var ct = TestContext.Current.CancellationToken;
        var chairmanId = await _app.CreateStaffAsync("chutich", "Chairman-pass-1", "Chủ Tịch", TestRoles.Chairman);
        var bookings = new ReceptionBookings(_app.Services);
        var day = await bookings.OpenDayAsync(chairmanId); // first slot 07:32, 5 minutes each
        var booking = await bookings.BookAsync(day, 12);   // 08:32–08:37: the only confirmed one
        _citizen = await HubClients.ConnectAsync(_base);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _citizen.On("LobbyClosed", () => closed.TrySetResult());

        // 07:30: the door opens at 08:17.
        await HubClients.OpenLobbyAsync(_app.Services);
        var early = await Assert.ThrowsAsync<HubException>(() => _citizen.InvokeAsync<LobbyStatus>("EnterLobby", booking.JoinToken, "device-1", ct));
        Assert.Contains("chưa mở", early.Message, StringComparison.Ordinal);

        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 1, 20, 0, TimeSpan.Zero)); // 08:20
        await HubClients.OpenLobbyAsync(_app.Services);
        var waiting = await _citizen.InvokeAsync<LobbyStatus>("EnterLobby", booking.JoinToken, "device-1", ct);
        Assert.Equal(("waiting", 1), (waiting.State, waiting.Position));

        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 1, 38, 0, TimeSpan.Zero)); // 08:38, after the last slot
        await HubClients.OpenLobbyAsync(_app.Services);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15), ct);
        var late = await Assert.ThrowsAsync<HubException>(() => _citizen.InvokeAsync<LobbyStatus>("EnterLobby", booking.JoinToken, "device-1", ct));
        Assert.Contains("đã đóng", late.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_citizen is not null)
        {
            await _citizen.DisposeAsync();
        }

        await _app.DisposeAsync();
    }
}
