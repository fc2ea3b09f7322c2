using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Dialogue;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>
/// Dialogue sessions (docs/adr/0088): invitees join with one-time links bound to their first device, wait until the
/// presiding official admits them, and can do only what a citizen can; wrong, used, revoked or ended links are refused
/// and change nothing; the session's record names each body; the dialogue lands on its case, which opens no other.
/// </summary>
public sealed class DialogueSessionTests(PostgresServer server) : IAsyncLifetime
{
    private HubApp _hub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _hub = await HubApp.StartAsync(server);

    private static readonly (string What, DialogueInvitee Invitee, string? Expected)[] InviteeTable =
    [
        ("citizen", new DialogueInvitee(InviteeKind.Citizen, " Trần Văn Đông ", null, null, null), null),
        ("citizen with e-mail", new DialogueInvitee(InviteeKind.Citizen, "Trần Văn Đông", null, null, "dong@example.vn"), null),
        ("body", new DialogueInvitee(InviteeKind.Organisation, "Lê Thị Mặt Trận", "Ủy ban MTTQ phường", "Chủ tịch", null), null),
        ("no name", new DialogueInvitee(InviteeKind.Citizen, "  ", null, null, null), "Dialogue.NameRequired"),
        ("long name", new DialogueInvitee(InviteeKind.Citizen, new string('a', 101), null, null, null), "Dialogue.NameTooLong"),
        ("zero-width name", new DialogueInvitee(InviteeKind.Citizen, "Trần\u200BVăn", null, null, null), "Dialogue.BadText"),
        ("body without name of the body", new DialogueInvitee(InviteeKind.Organisation, "Lê Văn Công An", " ", null, null), "Dialogue.OrganisationRequired"),
        ("long body", new DialogueInvitee(InviteeKind.Organisation, "Lê Văn Công An", new string('b', 201), null, null), "Dialogue.OrganisationTooLong"),
        ("bad e-mail", new DialogueInvitee(InviteeKind.Citizen, "Trần Văn Đông", null, null, "dong@"), "Dialogue.BadEmail"),
        ("e-mail with display name", new DialogueInvitee(InviteeKind.Citizen, "Trần Văn Đông", null, null, "Đông <dong@example.vn>"), "Dialogue.BadEmail"),
        ("unknown kind", new DialogueInvitee((InviteeKind)7, "Trần Văn Đông", null, null, null), "Dialogue.BadKind"),
    ];

    public static TheoryData<int> InviteeRows => [.. Enumerable.Range(0, InviteeTable.Length)];

    [Theory]
    [MemberData(nameof(InviteeRows))]
    public void Check_Invitee_AcceptedOrRefusedWithItsReason(int row)
    {
        var (what, invitee, expected) = InviteeTable[row];

        var error = DialogueRules.Check(invitee, out var clean);

        Assert.True(expected == error, $"{what}: {error}");
        if (expected is null)
        {
            Assert.Equal(invitee.FullName!.Trim(), clean.FullName);
            Assert.Equal(invitee.Kind == InviteeKind.Organisation ? invitee.Organisation : null, clean.Organisation);
        }
    }

    [Fact]
    public async Task DialoguePage_DenunciationCase_RefusedWithTheReasonAndNoForm()
    {
        var chairman = await _hub.StaffAsync("chutich.dt0", "Chủ Tịch", TestRoles.Chairman);
        var caseId = await CreateCaseAsync(CaseKind.Denunciation, "Tố cáo cán bộ");

        using var http = _hub.HttpClient(chairman.Cookies);
        var html = await http.GetStringAsync($"/Cases/Dialogue?id={caseId}", Ct);

        Assert.Contains("Không tổ chức đối thoại đối với đơn tố cáo", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"dialogue-form\"", html, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => OpenAsync(chairman.Id, caseId, MatterKind.Denunciation, [new(InviteeKind.Citizen, "Ai Đó", null, null, null)]));
        Assert.Equal(0, await _hub.App.WithScopeAsync(sp => sp.GetRequiredService<RealtimeDbContext>().Sessions.CountAsync(Ct)));
    }

    [Fact]
    public async Task Dialogue_LinksBoundRevokedReissuedAndEnded_GuestsAdmittedOneByOne_RefusalsChangeNothing()
    {
        var chairman = await _hub.StaffAsync("chutich.dt1", "Chủ Tịch", TestRoles.Chairman);
        var caseId = await CreateCaseAsync(CaseKind.Complaint, "Khiếu nại của 12 hộ dân về bồi thường");
        var opened = await OpenAsync(chairman.Id, caseId, MatterKind.Complaint,
        [
            new(InviteeKind.Citizen, "Trần Văn Đông", null, null, null),
            new(InviteeKind.Citizen, "Phạm Thị Tây", null, null, null),
            new(InviteeKind.Organisation, "Lê Thị Mặt Trận", "Ủy ban MTTQ phường", "Chủ tịch", null),
        ]);
        var (dong, tay, front) = (opened.Links[0], opened.Links[1], opened.Links[2]);
        Assert.All(opened.Links, l => Assert.Equal(43, l.Token.Length));
        // Only hashes are stored.
        var stored = await Db(db => db.DialogueInvitations.AsNoTracking().ToListAsync(Ct));
        Assert.DoesNotContain(stored, i => opened.Links.Any(l => i.TokenHash.Contains(l.Token, StringComparison.Ordinal)));
        await chairman.Hub.InvokeAsync<JoinInfo>("JoinSession", opened.SessionId, Ct);

        // Unknown link, or the right link on a second device: refused, no participant.
        var stranger = await _hub.ConnectAsync();
        await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<DialogueEntry>("JoinDialogue", "no-such-link", "device-s", Ct));
        var frontPhone = await _hub.ConnectAsync();
        var waiting = await frontPhone.InvokeAsync<DialogueEntry>("JoinDialogue", front.Token, "device-front", Ct);
        Assert.Equal(("waiting", opened.SessionId), (waiting.State, waiting.SessionId));
        var other = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<DialogueEntry>("JoinDialogue", front.Token, "device-other", Ct));
        Assert.Contains("thiết bị khác", other.Message, StringComparison.Ordinal);
        Assert.Equal(1, await Db(db => db.Participants.CountAsync(p => p.SessionId == opened.SessionId && p.Role != ParticipantRole.Presiding, Ct)));

        // Waiting is not in the room: no session call works before the presiding official admits.
        await Assert.ThrowsAsync<HubException>(() => frontPhone.InvokeAsync<JoinInfo>("JoinSession", opened.SessionId, Ct));
        await Assert.ThrowsAsync<HubException>(() => frontPhone.InvokeAsync("SendChat", "xin chào", Ct));
        var admitted = Next<Guid>(frontPhone, "Admitted");
        var frontId = (await Db(db => db.DialogueInvitations.SingleAsync(i => i.Id == front.InvitationId, Ct))).ParticipantId!.Value;
        await chairman.Hub.InvokeAsync("AdmitGuest", frontId, Ct);
        await admitted.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var info = await frontPhone.InvokeAsync<JoinInfo>("JoinSession", opened.SessionId, Ct);
        Assert.Equal("Guest", info.Role);
        Assert.NotNull(info.DialogueCaseNumber);
        Assert.Equal("Chủ tịch, Ủy ban MTTQ phường", info.Participants.Single(p => p.Id == frontId).Organisation);
        // A reload on the same device comes back in, without being admitted again.
        var frontReload = await _hub.ConnectAsync();
        Assert.Equal("admitted", (await frontReload.InvokeAsync<DialogueEntry>("JoinDialogue", front.Token, "device-front", Ct)).State);
        await frontReload.InvokeAsync<JoinInfo>("JoinSession", opened.SessionId, Ct);

        // A guest can do what a citizen can, never moderate.
        var dongPhone = await _hub.ConnectAsync();
        await dongPhone.InvokeAsync<DialogueEntry>("JoinDialogue", dong.Token, "device-dong", Ct);
        var dongId = (await Db(db => db.DialogueInvitations.SingleAsync(i => i.Id == dong.InvitationId, Ct))).ParticipantId!.Value;
        var before = await InvitationStatesAsync(opened.SessionId);
        foreach (var call in new Func<Task>[]
        {
            () => frontReload.InvokeAsync("AdmitGuest", dongId, Ct),
            () => frontReload.InvokeAsync("RevokeDialogueLink", tay.InvitationId, Ct),
            () => frontReload.InvokeAsync<IssuedLink>("ReissueDialogueLink", tay.InvitationId, Ct),
            () => frontReload.InvokeAsync<IssuedLink>("InviteToDialogue", new DialogueInvitee(InviteeKind.Citizen, "Người Lạ", null, null, null), Ct),
            () => frontReload.InvokeAsync<object>("DialogueInvitations", Ct),
            () => frontReload.InvokeAsync("SetMuted", chairman.Id, true, Ct),
            () => frontReload.InvokeAsync("EndSession", SessionOutcome.AnsweredOnTheSpot, null, null, Ct),
            () => dongPhone.InvokeAsync("AdmitGuest", dongId, Ct),
            () => chairman.Hub.InvokeAsync("AdmitGuest", Guid.NewGuid(), Ct),
            () => chairman.Hub.InvokeAsync("RevokeDialogueLink", Guid.NewGuid(), Ct),
            () => chairman.Hub.InvokeAsync<IssuedLink>("InviteToDialogue", new DialogueInvitee(InviteeKind.Organisation, "Ai Đó", null, null, null), Ct),
        })
        {
            await Assert.ThrowsAsync<HubException>(call);
        }

        Assert.Equal(before, await InvitationStatesAsync(opened.SessionId));
        await frontReload.InvokeAsync("SendChat", "Mặt trận đề nghị các hộ trình bày", Ct);

        // Revoked before use: the link no longer opens, nobody enters with it.
        await chairman.Hub.InvokeAsync("RevokeDialogueLink", tay.InvitationId, Ct);
        var tayPhone = await _hub.ConnectAsync();
        var revoked = await Assert.ThrowsAsync<HubException>(() => tayPhone.InvokeAsync<DialogueEntry>("JoinDialogue", tay.Token, "device-tay", Ct));
        Assert.Contains("thu hồi", revoked.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => chairman.Hub.InvokeAsync("RevokeDialogueLink", tay.InvitationId, Ct));
        Assert.Null((await Db(db => db.DialogueInvitations.SingleAsync(i => i.Id == tay.InvitationId, Ct))).ParticipantId);

        // Reissued: the old link stops, the waiting device is sent away, the new link works on a new device.
        var sentAway = dongPhone.NextAsync("Removed");
        var renewed = await chairman.Hub.InvokeAsync<IssuedLink>("ReissueDialogueLink", dong.InvitationId, Ct);
        await sentAway.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Assert.ThrowsAsync<HubException>(() => dongPhone.InvokeAsync<DialogueEntry>("JoinDialogue", dong.Token, "device-dong", Ct));
        var dongLaptop = await _hub.ConnectAsync();
        Assert.Equal("waiting", (await dongLaptop.InvokeAsync<DialogueEntry>("JoinDialogue", renewed.Token, "device-dong-2", Ct)).State);
        var list = await chairman.Hub.InvokeAsync<List<InvitationView>>("DialogueInvitations", Ct);
        Assert.Equal(["Revoked", "Revoked", "InRoom", "Waiting"], list.Select(i => i.State));

        // One more invitee from the console; then the end: "open a case" is refused (the case exists).
        var police = await chairman.Hub.InvokeAsync<IssuedLink>("InviteToDialogue", new DialogueInvitee(InviteeKind.Organisation, "Hoàng Văn An", "Công an phường", null, null), Ct);
        await Assert.ThrowsAsync<HubException>(() => chairman.Hub.InvokeAsync("EndSession", SessionOutcome.CaseAccepted, null, null, Ct));
        var waitingEnded = Next<string>(dongLaptop, "SessionEnded");
        await chairman.Hub.InvokeAsync("EndSession", SessionOutcome.AnsweredOnTheSpot, null, "Các bên thống nhất phương án bồi thường", Ct);
        await waitingEnded.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // After the end no link opens, and nothing is created by trying.
        var late = await _hub.ConnectAsync();
        foreach (var (token, device) in new[] { (police.Token, "device-police"), (front.Token, "device-front"), (renewed.Token, "device-dong-2") })
        {
            await Assert.ThrowsAsync<HubException>(() => late.InvokeAsync<DialogueEntry>("JoinDialogue", token, device, Ct));
        }

        Assert.Null((await Db(db => db.DialogueInvitations.SingleAsync(i => i.Id == police.InvitationId, Ct))).ParticipantId);

        // The record: the guest with their body; a waiting invitee who never came in is not a participant.
        var record = await _hub.App.WithScopeAsync(sp => sp.GetRequiredService<IReceptionSessionDirectory>().FindAsync(opened.SessionId, Ct));
        Assert.Equal(new DialogueMatter(caseId, record!.Dialogue!.CaseNumber, MatterKind.Complaint, "Đối thoại về phương án bồi thường"), record.Dialogue);
        var guest = Assert.Single(record.Participants, p => p.Role == ParticipantRole.Guest);
        Assert.Equal(("Lê Thị Mặt Trận", "Chủ tịch, Ủy ban MTTQ phường"), (guest.DisplayName, guest.Organisation));
        Assert.DoesNotContain(record.Participants, p => p.DisplayName == "Trần Văn Đông");

        // The case: linked to the session with a line of history; no reception-book row and no second case.
        await _hub.App.WithScopeAsync(async sp =>
        {
            Assert.Equal(caseId, (await sp.GetRequiredService<ICaseHistoryReader>().ForSessionAsync(opened.SessionId, Ct))!.CaseId);
            var cases = sp.GetRequiredService<CasesDbContext>();
            Assert.True(await cases.History.AnyAsync(h => h.CaseId == caseId && h.Action == "DialogueOpened", Ct));
            Assert.False(await cases.Receptions.AnyAsync(r => r.SessionId == opened.SessionId, Ct));
            Assert.Equal(1, await cases.Cases.CountAsync(Ct));
            return true;
        });
    }

    private async Task<DialogueOpened> OpenAsync(Guid staffId, Guid caseId, MatterKind kind, DialogueInvitee[] invitees) =>
        await _hub.App.WithScopeAsync(async sp =>
        {
            var number = await sp.GetRequiredService<CasesDbContext>().Cases.Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync(Ct);
            var opened = await sp.GetRequiredService<DialogueService>().OpenAsync(staffId, sp.GetRequiredService<WardClock>().Today,
                new DialogueMatter(caseId, number, kind, " Đối thoại về phương án bồi thường "), invitees, null, Ct);
            await sp.GetRequiredService<DialogueCases>().LinkSessionAsync(caseId, opened.SessionId, "Đối thoại về phương án bồi thường", CaseActor.System, Ct);
            return opened;
        });

    private async Task<Guid> CreateCaseAsync(CaseKind kind, string summary) =>
        await _hub.App.WithScopeAsync(async sp =>
        {
            var (result, file) = await sp.GetRequiredService<CaseRegistry>().CreateAsync(
                new NewCase(kind, CaseChannel.Post, "Đất đai", summary, sp.GetRequiredService<WardClock>().Today,
                    [new ReceptionParticipant("Trần Văn Đông", null, null, null, true), new ReceptionParticipant("Phạm Thị Tây", null, null, null, true)], true, null, PeopleCount: 12),
                CaseActor.System, Ct);
            Assert.True(result.Succeeded, result.Error);
            return file!.Id;
        });

    private async Task<string> InvitationStatesAsync(Guid sessionId) =>
        string.Join(",", await Db(db => db.DialogueInvitations.AsNoTracking().Where(i => i.SessionId == sessionId).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => i.Id + ":" + (i.RevokedAt != null) + ":" + i.ParticipantId).ToListAsync(Ct)))
        + "|" + string.Join(",", await Db(db => db.Participants.AsNoTracking().Where(p => p.SessionId == sessionId).OrderBy(p => p.Id).Select(p => p.Id + ":" + p.State).ToListAsync(Ct)));

    private static Task<T> Next<T>(HubConnection connection, string method)
    {
        var signal = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<T>(method, value => signal.TrySetResult(value));
        return signal.Task;
    }

    private Task<T> Db<T>(Func<RealtimeDbContext, Task<T>> query) => _hub.App.WithScopeAsync(sp => query(sp.GetRequiredService<RealtimeDbContext>()));

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
