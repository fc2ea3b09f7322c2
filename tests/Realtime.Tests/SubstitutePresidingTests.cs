using System.Net;
using System.Net.Http.Json;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Admit_DayHandedToASubstitute_SubstituteAdmits_OriginalOfficialRefused()
    {
        var chairman = await _hub.StaffAsync("chutich.ho", "Nguyễn Văn Chủ", TestRoles.Chairman);
        var head = await _hub.StaffAsync("truongphong.ho", "Lê Văn Trưởng", TestRoles.UnitHead);
        var bookings = new ReceptionBookings(_hub.Services);
        var dayId = await bookings.OpenDayAsync(chairman.Id);
        var first = await bookings.BookAsync(dayId, 0, "Vũ Văn Một");
        var second = await bookings.BookAsync(dayId, 1, "Vũ Văn Hai", citizenIdNumber: "001089054321");
        await HubClients.OpenLobbyAsync(_hub.Services);
        await (await _hub.ConnectAsync()).InvokeAsync<LobbyStatus>("EnterLobby", first.JoinToken, "device-ho1", Ct);
        await (await _hub.ConnectAsync()).InvokeAsync<LobbyStatus>("EnterLobby", second.JoinToken, "device-ho2", Ct);
        var queue = await chairman.Hub.InvokeAsync<List<QueueItem>>("WatchQueue", Ct);

        // The chairman falls ill on his reception morning and hands the day to the head of unit.
        using var http = _hub.HttpClient(chairman.Cookies);
        using var handed = await http.PostAsJsonAsync(new Uri($"api/reception-days/{dayId}/presiding", UriKind.Relative), new { substituteId = head.Id, reason = "Chủ tịch bị ốm" }, Ct);
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);

        var named = await Assert.ThrowsAsync<HubException>(() => chairman.Hub.InvokeAsync<Guid>("Admit", queue[0].LobbyEntryId, Ct));
        Assert.Contains("người chủ trì khác", named.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => chairman.Hub.InvokeAsync<Guid>("Admit", null, Ct));
        var sessionId = await head.Hub.InvokeAsync<Guid>("Admit", queue[0].LobbyEntryId, Ct);
        var session = await _hub.App.WithScopeAsync(sp => sp.GetRequiredService<Persistence.RealtimeDbContext>().Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, Ct));
        Assert.Equal(head.Id, session.PresidingOfficialId);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
