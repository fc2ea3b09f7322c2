using System.Net;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>Issue 11, item 11: the hub's rules against a participant, a staff member or a script that pushes its luck.</summary>
public sealed class HubHardeningTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private HubApp _hub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _hub = await HubApp.StartAsync(server, new Dictionary<string, string?>
    {
        ["Realtime:MaxChatMessagesPerSession"] = "3",
        ["Realtime:HubCallBurst"] = "40",
        ["Realtime:HubCallsPerSecond"] = "0.001",
    }, _logs.AddTo);

    [Fact]
    public async Task RemovedCitizen_ComesBackWithAnotherDevice_Refused()
    {
        var chairman = await _hub.StaffAsync("chutich.rm", "Chủ Tịch", TestRoles.Chairman);
        var bookings = new ReceptionBookings(_hub.Services);
        var booked = await bookings.BookAsync(await bookings.OpenDayAsync(chairman.Id), 0, "Lê Văn Ồn Ào");
        await HubClients.OpenLobbyAsync(_hub.Services);
        var phone = await _hub.ConnectAsync();
        await phone.InvokeAsync<LobbyStatus>("EnterLobby", booked.JoinToken, "device-phone", Ct);
        await chairman.Hub.InvokeAsync<List<QueueItem>>("WatchQueue", Ct);
        var sessionId = await chairman.Hub.InvokeAsync<Guid>("Admit", null, Ct);
        await chairman.Hub.InvokeAsync<JoinInfo>("JoinSession", sessionId, Ct);
        var joined = await phone.InvokeAsync<JoinInfo>("JoinSession", sessionId, Ct);

        await chairman.Hub.InvokeAsync("RemoveParticipant", joined.ParticipantId, Ct);

        var laptop = await _hub.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => laptop.InvokeAsync<LobbyStatus>("EnterLobby", booked.JoinToken, "device-laptop", Ct));
        Assert.Contains("đã được mời rời khỏi buổi tiếp", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => laptop.InvokeAsync<JoinInfo>("JoinSession", sessionId, Ct));
    }

    [Fact]
    public async Task Rebind_CitizenReconnectsOnNewConnection_OldConnectionGetsNoMoreChat()
    {
        var chairman = await _hub.StaffAsync("chutich.rb", "Chủ Tịch", TestRoles.Chairman);
        var adHoc = await chairman.Hub.InvokeAsync<AdHocSession>("OpenAdHocSession", "Phản ánh đèn đường", MatterKind.Feedback, Ct);
        await chairman.Hub.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);
        var first = await _hub.ConnectAsync();
        var oldLines = new List<string>();
        first.On<ChatView>("ChatReceived", l => { lock (oldLines) { oldLines.Add(l.Text); } });
        await first.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-rb", "Trần Văn Đèn", Ct);
        await chairman.Hub.InvokeAsync("SendChat", "trước khi kết nối lại", Ct);
        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(oldLines).Contains("trước khi kết nối lại")), TimeSpan.FromSeconds(10), "the first connection reads the chat", Ct);

        // The same device (same key) comes back on a new connection while the old one is still open.
        var second = await _hub.ConnectAsync();
        var newLines = new List<string>();
        second.On<ChatView>("ChatReceived", l => { lock (newLines) { newLines.Add(l.Text); } });
        await second.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-rb", "Trần Văn Đèn", Ct);
        await chairman.Hub.InvokeAsync("SendChat", "sau khi kết nối lại", Ct);

        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(newLines).Contains("sau khi kết nối lại")), TimeSpan.FromSeconds(10), "the new connection reads the chat", Ct);
        await Task.Delay(500, Ct);
        Assert.DoesNotContain("sau khi kết nối lại", Snapshot(oldLines));
        await Assert.ThrowsAsync<HubException>(() => first.InvokeAsync("SendChat", "từ kết nối cũ", Ct));
    }

    [Fact]
    public async Task Chat_EmptyTooLongOrPastTheSessionCap_RefusedWithTheReason()
    {
        var chairman = await _hub.StaffAsync("chutich.ch", "Chủ Tịch", TestRoles.Chairman);
        var adHoc = await chairman.Hub.InvokeAsync<AdHocSession>("OpenAdHocSession", "Kiến nghị", MatterKind.Petition, Ct);
        await chairman.Hub.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);

        Assert.Contains("tối đa 1000 ký tự", (await Assert.ThrowsAsync<HubException>(() => chairman.Hub.InvokeAsync("SendChat", new string('a', 1001), Ct))).Message, StringComparison.Ordinal);
        Assert.Contains("trống", (await Assert.ThrowsAsync<HubException>(() => chairman.Hub.InvokeAsync("SendChat", "   ", Ct))).Message, StringComparison.Ordinal);
        for (var i = 1; i <= 3; i++)
        {
            await chairman.Hub.InvokeAsync("SendChat", "tin " + i, Ct);
        }

        var full = await Assert.ThrowsAsync<HubException>(() => chairman.Hub.InvokeAsync("SendChat", "tin 4", Ct));
        Assert.Contains("tối đa 3 tin nhắn", full.Message, StringComparison.Ordinal);
        Assert.Equal(3, await _hub.App.WithScopeAsync(sp => sp.GetRequiredService<Persistence.RealtimeDbContext>().ChatMessages.CountAsync(m => m.SessionId == adHoc.SessionId, Ct)));
    }

    [Fact]
    public async Task Admit_CitizenOfAnotherOfficialsDay_Refused_NextSkipsThem_AdminNeverInvited()
    {
        var chairman = await _hub.StaffAsync("chutich.ad", "Chủ Tịch", TestRoles.Chairman);
        var vice = await _hub.StaffAsync("phochutich.ad", "Phó Chủ Tịch", TestRoles.ViceChairman);
        var adminId = await _hub.App.CreateStaffAsync("quantri.ad", HubApp.StaffPassword, "Quản Trị", TestRoles.Admin);
        var bookings = new ReceptionBookings(_hub.Services);
        var booked = await bookings.BookAsync(await bookings.OpenDayAsync(chairman.Id), 0, "Vũ Thị Chờ");
        await HubClients.OpenLobbyAsync(_hub.Services);
        await (await _hub.ConnectAsync()).InvokeAsync<LobbyStatus>("EnterLobby", booked.JoinToken, "device-ad", Ct);
        var queue = await vice.Hub.InvokeAsync<List<QueueItem>>("WatchQueue", Ct);

        var named = await Assert.ThrowsAsync<HubException>(() => vice.Hub.InvokeAsync<Guid>("Admit", queue.Single().LobbyEntryId, Ct));
        Assert.Contains("người chủ trì khác", named.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => vice.Hub.InvokeAsync<Guid>("Admit", null, Ct));
        Assert.Single(await chairman.Hub.InvokeAsync<List<QueueItem>>("WatchQueue", Ct));

        var sessionId = await chairman.Hub.InvokeAsync<Guid>("Admit", null, Ct);
        await chairman.Hub.InvokeAsync<JoinInfo>("JoinSession", sessionId, Ct);
        Assert.DoesNotContain(await chairman.Hub.InvokeAsync<List<OfficialView>>("ListOfficials", Ct), o => o.Id == adminId);
        var invite = await Assert.ThrowsAsync<HubException>(() => chairman.Hub.InvokeAsync("Invite", adminId, Ct));
        Assert.Contains("quản trị", invite.Message, StringComparison.Ordinal);
        await chairman.Hub.InvokeAsync("Invite", vice.Id, Ct); // positive control
    }

    [Fact]
    public async Task AdHocLink_TwoSimultaneousClaims_ExactlyOneEnters()
    {
        var chairman = await _hub.StaffAsync("chutich.ah", "Chủ Tịch", TestRoles.Chairman);
        for (var round = 0; round < 5; round++)
        {
            var adHoc = await chairman.Hub.InvokeAsync<AdHocSession>("OpenAdHocSession", "Phản ánh " + round, MatterKind.Feedback, Ct);
            await chairman.Hub.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);
            var a = await _hub.ConnectAsync();
            var b = await _hub.ConnectAsync();
            var results = await Task.WhenAll(Claim(a, adHoc.JoinToken, "device-a" + round), Claim(b, adHoc.JoinToken, "device-b" + round));
            Assert.Equal(1, results.Count(entered => entered));
            await chairman.Hub.InvokeAsync("EndSession", Sessions.SessionOutcome.AnsweredOnTheSpot, null, null, Ct);
        }
    }

    [Fact]
    public async Task HubCalls_FloodFromOneConnection_RefusedPastTheBucket_OneLogLineNoStackTrace_OtherConnectionsUnaffected()
    {
        var flooder = await _hub.ConnectAsync();
        var calm = await _hub.ConnectAsync();
        var refused = 0;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await flooder.InvokeAsync<object>("EnterLobby", "no-such-token", "device-f", Ct);
            }
            catch (HubException ex) when (ex.Message.Contains("quá nhanh", StringComparison.Ordinal))
            {
                refused++;
            }
            catch (HubException)
            {
                // The ordinary "invalid link" answer while under the limit.
            }
        }

        // Burst 40 and a refill of one call in 1000 s: the first 40 pass, the other 60 are refused.
        Assert.Equal(60, refused);
        var calmAnswer = await Assert.ThrowsAsync<HubException>(() => calm.InvokeAsync<object>("EnterLobby", "no-such-token", "device-c", Ct));
        Assert.DoesNotContain("quá nhanh", calmAnswer.Message, StringComparison.Ordinal);
        var lines = _logs.Entries.Where(e => e.Message.Contains("over its call rate", StringComparison.Ordinal)).ToList();
        Assert.Equal(LogLevel.Warning, Assert.Single(lines).Level);
        Assert.Null(lines[0].Exception);
    }

    [Fact]
    public async Task Negotiation_PastThePerAddressLimit_429()
    {
        await using var limited = await HubApp.StartAsync(server, new Dictionary<string, string?> { ["Realtime:HubNegotiationsPerMinute"] = "5" });
        using var client = new HttpClient { BaseAddress = limited.Base };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.PostAsync(new Uri(ReceptionHub.Path + "/negotiate?negotiateVersion=1", UriKind.Relative), null, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task StaffAccount_DisabledOrRoleChanged_OpenConnectionsClosedAndOldCookieCannotReconnect()
    {
        var vice = await _hub.StaffAsync("phochutich.off", "Phó Chủ Tịch", TestRoles.ViceChairman);
        var clerk = await _hub.StaffAsync("canbo.role", "Cán Bộ", TestRoles.Staff);
        var viceClosed = vice.Hub.ClosedAsync();
        var clerkClosed = clerk.Hub.ClosedAsync();
        await vice.Hub.InvokeAsync<List<QueueItem>>("WatchQueue", Ct); // positive control

        await _hub.App.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Web.Identity.StaffUser>>();
            var viceUser = await users.FindByIdAsync(vice.Id.ToString());
            viceUser!.IsDisabled = true;
            await users.UpdateAsync(viceUser);
            var clerkUser = await users.FindByIdAsync(clerk.Id.ToString());
            await users.AddToRoleAsync(clerkUser!, StaffRoles.Inspector);
            return true;
        });

        await viceClosed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await clerkClosed.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var again = await HubClients.ConnectAsync(_hub.Base, vice.Cookies);
        await again.ClosedAsync().WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await again.DisposeAsync();
    }

    private static async Task<bool> Claim(HubConnection connection, string token, string device)
    {
        try
        {
            await connection.InvokeAsync<JoinInfo>("JoinWithLink", token, device, "Người Đến", Ct);
            return true;
        }
        catch (HubException)
        {
            return false;
        }
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
