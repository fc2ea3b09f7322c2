using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Realtime.Tests;

public sealed class HubAuthorizationTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly IceCandidate Candidate = new("candidate:842163049 1 udp 1677729535 10.213.0.1 50000 typ srflx raddr 0.0.0.0 rport 0 generation 0", "0", 0);
    private const string FakeSdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";
    private readonly List<HubConnection> _connections = [];
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "rt-" + Guid.NewGuid().ToString("N")[..8]));
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task EveryHubMethod_CalledByCallersWithoutTheRight_NoCallSucceeds()
    {
        var chairmanId = await _app.CreateStaffAsync("chutich", "Chairman-pass-1", "Chủ Tịch", TestRoles.Chairman);
        await _app.CreateStaffAsync("phochutich", "Vice-pass-2026", "Phó Chủ Tịch", TestRoles.ViceChairman);
        var clerkId = await _app.CreateStaffAsync("canbo", "Clerk-pass-2026", "Cán Bộ", TestRoles.Staff);
        var bookings = new ReceptionBookings(_app.Services);
        var todayId = await bookings.OpenDayAsync(chairmanId);
        var waitingBooking = await bookings.BookAsync(todayId, 0, "Lê Thị Chờ");
        var admittedBooking = await bookings.BookAsync(todayId, 1, "Phạm Văn Vào");
        var pendingBooking = await bookings.BookAsync(todayId, 2, "Hoàng Văn Chưa", confirm: false);
        var tomorrowBooking = await bookings.BookAsync(await bookings.OpenDayAsync(chairmanId, daysFromToday: 1), 0, "Đỗ Thị Mai");
        await HubClients.OpenLobbyAsync(_app.Services);

        var anonymous = await Connect();
        var waiting = await Connect();
        var admitted = await Connect();
        var walkIn = await Connect();
        var chairman = await Connect(await HubClients.SignInAsync(_base, "chutich", "Chairman-pass-1"));
        var vice = await Connect(await HubClients.SignInAsync(_base, "phochutich", "Vice-pass-2026"));
        var clerk = await Connect(await HubClients.SignInAsync(_base, "canbo", "Clerk-pass-2026"));

        var first = await waiting.InvokeAsync<LobbyStatus>("EnterLobby", waitingBooking.JoinToken, "device-w", TestContext.Current.CancellationToken);
        Assert.Equal(("waiting", 1), (first.State, first.Position));
        var second = await admitted.InvokeAsync<LobbyStatus>("EnterLobby", admittedBooking.JoinToken, "device-a", TestContext.Current.CancellationToken);
        Assert.Equal(2, second.Position);
        var queue = await chairman.InvokeAsync<List<QueueItem>>("WatchQueue", TestContext.Current.CancellationToken);
        var s1 = await chairman.InvokeAsync<Guid>("Admit", queue.Single(q => q.BookingId == admittedBooking.BookingId).LobbyEntryId, TestContext.Current.CancellationToken);
        await chairman.InvokeAsync<JoinInfo>("JoinSession", s1, TestContext.Current.CancellationToken);
        await admitted.InvokeAsync<JoinInfo>("JoinSession", s1, TestContext.Current.CancellationToken);
        await chairman.InvokeAsync("SendChat", "Xin chào", TestContext.Current.CancellationToken); // positive control

        var adHoc = await vice.InvokeAsync<AdHocSession>("OpenAdHocSession", "Công dân đến trụ sở phản ánh", MatterKind.Feedback, TestContext.Current.CancellationToken);
        await vice.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, TestContext.Current.CancellationToken);
        var removedInfo = await walkIn.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-x", "Người Vãng Lai", TestContext.Current.CancellationToken);
        await vice.InvokeAsync("RemoveParticipant", removedInfo.ParticipantId, TestContext.Current.CancellationToken);
        var citizenInS1 = (await admitted.InvokeAsync<JoinInfo>("JoinSession", s1, TestContext.Current.CancellationToken)).ParticipantId;

        var callers = new (string Name, HubConnection Connection)[]
        {
            ("anonymous", anonymous), ("citizen waiting in the lobby", waiting), ("citizen admitted to another session", admitted),
            ("removed participant", walkIn), ("staff not invited", clerk),
        };
        var attempts = new List<(string Caller, string Method, Func<HubConnection, Task> Call)>();
        foreach (var (name, _) in callers)
        {
            attempts.Add((name, "Admit", c => c.InvokeAsync<Guid>("Admit", null)));
            attempts.Add((name, "WatchQueue", c => c.InvokeAsync<object>("WatchQueue")));
            attempts.Add((name, "OpenAdHocSession", c => c.InvokeAsync<object>("OpenAdHocSession", "Lý do", MatterKind.Complaint)));
            attempts.Add((name, "ListOfficials", c => c.InvokeAsync<object>("ListOfficials")));
            attempts.Add((name, "Invite", c => c.InvokeAsync("Invite", clerkId)));
            attempts.Add((name, "SetMuted", c => c.InvokeAsync("SetMuted", citizenInS1, true)));
            attempts.Add((name, "RemoveParticipant", c => c.InvokeAsync("RemoveParticipant", citizenInS1)));
            attempts.Add((name, "EndSession", c => c.InvokeAsync("EndSession", SessionOutcome.AnsweredOnTheSpot, null, null)));
            attempts.Add((name, "JoinWithLink(used)", c => c.InvokeAsync<object>("JoinWithLink", adHoc.JoinToken, "device-new-" + name, "Ai đó")));
            attempts.Add((name, "JoinWithLink(unknown)", c => c.InvokeAsync<object>("JoinWithLink", "no-such-link", "device-z", "Ai đó")));
            attempts.Add((name, "EnterLobby(pending)", c => c.InvokeAsync<object>("EnterLobby", pendingBooking.JoinToken, "device-p")));
            attempts.Add((name, "EnterLobby(other day)", c => c.InvokeAsync<object>("EnterLobby", tomorrowBooking.JoinToken, "device-t")));
            attempts.Add((name, "EnterLobby(unknown)", c => c.InvokeAsync<object>("EnterLobby", "no-such-token", "device-u")));
            attempts.Add((name, "JoinSession(ad hoc)", c => c.InvokeAsync<object>("JoinSession", adHoc.SessionId)));
            if (name != "citizen admitted to another session")
            {
                attempts.Add((name, "JoinSession(s1)", c => c.InvokeAsync<object>("JoinSession", s1)));
                attempts.Add((name, "Publish", c => c.InvokeAsync<string>("Publish", "camera", FakeSdp)));
                attempts.Add((name, "Unpublish", c => c.InvokeAsync("Unpublish", "camera")));
                attempts.Add((name, "AnswerSubscription", c => c.InvokeAsync("AnswerSubscription", 1, FakeSdp)));
                attempts.Add((name, "SendChat", c => c.InvokeAsync("SendChat", "lọt vào")));
                attempts.Add((name, "LeaveSession", c => c.InvokeAsync("LeaveSession")));
                attempts.Add((name, "TrickleCandidates", c => c.InvokeAsync("TrickleCandidates", "camera", new IceCandidate?[] { Candidate, null })));
            }
        }

        // An admitted citizen may talk in their own session, but never steer it, and never with oversized or junk input.
        attempts.Add(("admitted citizen", "SendChat(too long)", c => c.InvokeAsync("SendChat", new string('x', 5000))));
        attempts.Add(("admitted citizen", "Publish(junk SDP)", c => c.InvokeAsync<string>("Publish", "camera", "<script>")));
        attempts.Add(("admitted citizen", "Publish(unknown kind)", c => c.InvokeAsync<string>("Publish", "../etc", FakeSdp)));
        attempts.Add(("admitted citizen", "TrickleCandidates(unknown target)", c => c.InvokeAsync("TrickleCandidates", "control", new IceCandidate?[] { Candidate })));
        attempts.Add(("admitted citizen", "TrickleCandidates(none)", c => c.InvokeAsync("TrickleCandidates", "camera", Array.Empty<IceCandidate?>())));
        attempts.Add(("admitted citizen", "TrickleCandidates(too many)", c => c.InvokeAsync("TrickleCandidates", "camera", Enumerable.Repeat<IceCandidate?>(Candidate, 21).ToArray())));
        attempts.Add(("admitted citizen", "TrickleCandidates(not a candidate)", c => c.InvokeAsync("TrickleCandidates", "subscription", new IceCandidate?[] { new("a=<script>", "0", 0) })));
        attempts.Add(("admitted citizen", "TrickleCandidates(control characters)", c => c.InvokeAsync("TrickleCandidates", "subscription", new IceCandidate?[] { new("candidate:1 1 udp 1 10.0.0.1 9 typ host\r\na=x", "0", 0) })));
        attempts.Add(("admitted citizen", "TrickleCandidates(huge)", c => c.InvokeAsync("TrickleCandidates", "subscription", new IceCandidate?[] { new("candidate:" + new string('1', 600), "0", 0) })));
        // The presiding official of another session cannot steer this one.
        attempts.Add(("other presiding", "SetMuted", c => c.InvokeAsync("SetMuted", citizenInS1, true)));
        attempts.Add(("other presiding", "RemoveParticipant", c => c.InvokeAsync("RemoveParticipant", citizenInS1)));
        attempts.Add(("other presiding", "JoinSession(s1)", c => c.InvokeAsync<object>("JoinSession", s1)));
        attempts.Add(("presiding", "EndSession(refused without ground)", c => c.InvokeAsync("EndSession", SessionOutcome.Refused, null, null)));
        attempts.Add(("presiding", "EndSession(ground without refusal)", c => c.InvokeAsync("EndSession", SessionOutcome.CaseAccepted, RefusalGround.ThreatensOrBreaksRules, null)));

        var succeeded = new List<string>();
        foreach (var (caller, method, call) in attempts)
        {
            var connection = caller switch
            {
                "admitted citizen" => admitted,
                "other presiding" => vice,
                "presiding" => chairman,
                _ => callers.Single(c => c.Name == caller).Connection,
            };
            try
            {
                await call(connection);
                succeeded.Add($"{caller}: {method}");
            }
            catch (HubException)
            {
                // Refused, as it must be.
            }
        }

        Assert.Empty(succeeded);
        Assert.True(attempts.Count > 100, $"only {attempts.Count} attempts");
        // The refusals changed nothing: the citizen is still in, unmuted, and the session still open.
        await using var scope = _app.Services.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<IReceptionSessionDirectory>().FindAsync(s1, TestContext.Current.CancellationToken);
        Assert.Null(session!.Outcome);
        var chat = await scope.ServiceProvider.GetRequiredService<IReceptionSessionDirectory>().ChatLogAsync(s1, TestContext.Current.CancellationToken);
        Assert.Equal(["Xin chào"], chat.Select(c => c.Text));
    }

    [Fact]
    public async Task SessionReceipt_BeforeTheEndOrWithAnUnknownLink_NothingAfterTheEndTheOutcomeAndCitizenTold()
    {
        var ct = TestContext.Current.CancellationToken;
        var chairmanId = await _app.CreateStaffAsync("chutich.bn", "Chairman-pass-1", "Chủ Tịch", TestRoles.Chairman);
        var bookings = new ReceptionBookings(_app.Services);
        var dayId = await bookings.OpenDayAsync(chairmanId);
        var received = await bookings.BookAsync(dayId, 0, "Lê Thị Nhận");
        var other = await bookings.BookAsync(dayId, 1, "Phạm Văn Khác");
        await HubClients.OpenLobbyAsync(_app.Services);
        var citizen = await Connect();
        var stranger = await Connect();
        var chairman = await Connect(await HubClients.SignInAsync(_base, "chutich.bn", "Chairman-pass-1"));
        await citizen.InvokeAsync<LobbyStatus>("EnterLobby", received.JoinToken, "device-r", ct);
        var queue = await chairman.InvokeAsync<List<QueueItem>>("WatchQueue", ct);
        var sessionId = await chairman.InvokeAsync<Guid>("Admit", queue.Single().LobbyEntryId, ct);
        await chairman.InvokeAsync<JoinInfo>("JoinSession", sessionId, ct);
        await citizen.InvokeAsync<JoinInfo>("JoinSession", sessionId, ct);

        Assert.Null(await stranger.InvokeAsync<ReceiptView?>("SessionReceipt", received.JoinToken, ct));
        Assert.Null(await stranger.InvokeAsync<ReceiptView?>("SessionReceipt", "no-such-token", ct));
        await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<ReceiptView?>("SessionReceipt", new string('x', 500), ct));

        var told = citizen.NextAsync("ReceiptReady");
        await chairman.InvokeAsync("EndSession", SessionOutcome.AnsweredOnTheSpot, null, null, ct);
        await told.WaitAsync(TimeSpan.FromSeconds(10), ct);
        var receipt = await citizen.InvokeAsync<ReceiptView?>("SessionReceipt", received.JoinToken, ct);
        Assert.NotNull(receipt);
        Assert.Equal(("AnsweredOnTheSpot", received.Code, false, null), (receipt.Outcome, receipt.BookingCode, receipt.CasePending, receipt.CaseNumber));
        Assert.Null(await stranger.InvokeAsync<ReceiptView?>("SessionReceipt", other.JoinToken, ct));
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
