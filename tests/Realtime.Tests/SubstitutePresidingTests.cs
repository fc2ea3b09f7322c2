using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>
/// Issue 14 item 9 and issue 11: heads of the ward's units preside like vice-chairmen, and a day handed to a
/// substitute is admitted by the substitute only.
/// </summary>
public sealed class SubstitutePresidingTests(PostgresServer server) : IAsyncLifetime
{
    private HubApp _hub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _hub = await HubApp.StartAsync(server);

    [Fact]
    public async Task Admit_UnitHeadPresidesTheDay_AdmitsTheCitizenAndOpensTheSession()
    {
        var head = await _hub.StaffAsync("truongphong.kt", "Trần Thị Kinh Tế", TestRoles.UnitHead);
        var bookings = new ReceptionBookings(_hub.Services);
        var booked = await bookings.BookTodayAsync(head.Id, "Lê Văn Đất");
        await HubClients.OpenLobbyAsync(_hub.Services);
        var citizen = await _hub.ConnectAsync();
        var admitted = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        citizen.On<Guid>("Admitted", id => admitted.TrySetResult(id));
        await citizen.InvokeAsync<LobbyStatus>("EnterLobby", booked.JoinToken, "device-kt", Ct);

        var queue = await head.Hub.InvokeAsync<List<QueueItem>>("WatchQueue", Ct);
        var sessionId = await head.Hub.InvokeAsync<Guid>("Admit", queue.Single().LobbyEntryId, Ct);

        Assert.Equal(sessionId, await admitted.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        var joined = await head.Hub.InvokeAsync<JoinInfo>("JoinSession", sessionId, Ct);
        Assert.Equal("Presiding", joined.Role);
        // A plain office clerk still presides over nothing.
        var clerk = await _hub.StaffAsync("vanphong.kt", "Cán Bộ Văn Phòng", TestRoles.Staff);
        await Assert.ThrowsAsync<HubException>(() => clerk.Hub.InvokeAsync<List<QueueItem>>("WatchQueue", Ct));
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
