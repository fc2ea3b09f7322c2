using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>The presiding console's queue shows a citizen's earlier sessions and case files (wired by the web host).</summary>
public sealed class CitizenHistoryTests(PostgresServer server) : IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "rt-" + Guid.NewGuid().ToString("N")[..8]));
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task WatchQueue_CitizenReceivedBeforeWithCaseAccepted_ShowsEarlierSessionAndCase()
    {
        var ct = TestContext.Current.CancellationToken;
        var chairmanId = await _app.CreateStaffAsync("chutich", "Chairman-pass-1", "Chủ Tịch", TestRoles.Chairman);
        var bookings = new ReceptionBookings(_app.Services);
        var day = await bookings.OpenDayAsync(chairmanId);
        var first = await bookings.BookAsync(day, 0, "Trần Văn Cũ", citizenIdNumber: "001089000111");
        var again = await bookings.BookAsync(day, 1, "Trần Văn Cũ", citizenIdNumber: "001089000111");
        var stranger = await bookings.BookAsync(day, 2, "Lý Thị Mới", citizenIdNumber: "001089000222");
        await HubClients.OpenLobbyAsync(_app.Services);
        var chairman = await Connect(await HubClients.SignInAsync(_base, "chutich", "Chairman-pass-1"));

        // The first reception: admitted, ended with "case accepted", which opens a case file in the Cases module.
        await (await Connect()).InvokeAsync<LobbyStatus>("EnterLobby", first.JoinToken, "device-1", ct);
        var queue = await chairman.InvokeAsync<List<QueueItem>>("WatchQueue", ct);
        Assert.All(queue, q => Assert.Empty(q.EarlierSessions));
        var sessionId = await chairman.InvokeAsync<Guid>("Admit", queue.Single(q => q.BookingId == first.BookingId).LobbyEntryId, ct);
        await chairman.InvokeAsync<JoinInfo>("JoinSession", sessionId, ct);
        await chairman.InvokeAsync("EndSession", SessionOutcome.CaseAccepted, null, "Thụ lý đơn khiếu nại", ct);

        // The same citizen (same ID number, another booking) and a stranger wait now.
        await (await Connect()).InvokeAsync<LobbyStatus>("EnterLobby", again.JoinToken, "device-2", ct);
        await (await Connect()).InvokeAsync<LobbyStatus>("EnterLobby", stranger.JoinToken, "device-3", ct);
        queue = await chairman.InvokeAsync<List<QueueItem>>("WatchQueue", ct);

        var returning = queue.Single(q => q.BookingId == again.BookingId);
        var earlier = Assert.Single(returning.EarlierSessions);
        Assert.Equal((sessionId, (int)SessionOutcome.CaseAccepted), (earlier.SessionId, earlier.Outcome));
        var earlierCase = Assert.Single(returning.EarlierCases);
        Assert.False(string.IsNullOrWhiteSpace(earlierCase.Number));
        Assert.Equal("Đất đai", earlierCase.SubjectArea);
        var newcomer = queue.Single(q => q.BookingId == stranger.BookingId);
        Assert.Empty(newcomer.EarlierSessions);
        Assert.Empty(newcomer.EarlierCases);
    }

    private async Task<HubConnection> Connect(System.Net.CookieContainer? cookies = null)
    {
        var connection = await HubClients.ConnectAsync(_base, cookies);
        _connections.Add(connection);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections)
        {
            await c.DisposeAsync();
        }

        await _app.DisposeAsync();
    }
}
