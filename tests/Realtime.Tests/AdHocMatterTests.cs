using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Live;
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
/// An ad-hoc reception says why and about what; a denunciation received ad hoc is sealed as a booked one is (the
/// walk-in's name, the reception book row, the recording) and gets the denunciation's deadlines (docs/adr/0066).
/// </summary>
public sealed class AdHocMatterTests(PostgresServer server) : IAsyncLifetime
{
    private const string DenouncerName = "Vũ Thị Tố Giác";
    private readonly List<HubConnection> _connections = [];
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "adhoc-" + Guid.NewGuid().ToString("N")[..8]));
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task OpenAdHocSession_WithoutReasonOrKnownKind_RefusedAndNothingOpened()
    {
        await _app.CreateStaffAsync("chutich.dx1", "Chairman-pass-1", "Chủ Tịch", TestRoles.Chairman);
        var chairman = await Connect(await HubClients.SignInAsync(_base, "chutich.dx1", "Chairman-pass-1"));

        foreach (var (reason, kind) in new[] { ("", MatterKind.Complaint), ("   ", MatterKind.Feedback), (new string('x', 1001), MatterKind.Petition), ("Lý do", (MatterKind)7) })
        {
            await Assert.ThrowsAsync<HubException>(() => chairman.InvokeAsync<AdHocSession>("OpenAdHocSession", reason, kind, Ct));
        }

        Assert.Equal(0, await _app.WithScopeAsync(sp => sp.GetRequiredService<RealtimeDbContext>().Sessions.CountAsync(Ct)));
        var opened = await chairman.InvokeAsync<AdHocSession>("OpenAdHocSession", " Công dân đến phản ánh việc xây dựng trái phép ", MatterKind.Feedback, Ct);
        var stored = await _app.WithScopeAsync(sp => sp.GetRequiredService<RealtimeDbContext>().Sessions.SingleAsync(s => s.Id == opened.SessionId, Ct));
        Assert.Equal((MatterKind.Feedback, "Công dân đến phản ánh việc xây dựng trái phép"), (stored.AdHocKind, stored.AdHocReason));
    }

    [Fact]
    public async Task AdHocDenunciation_EndedWithCaseAccepted_NameSealedBookRowSealedRecordingSealedDenunciationDeadlines()
    {
        var chairmanId = await _app.CreateStaffAsync("chutich.dx2", "Chairman-pass-1", "Chủ Tịch", TestRoles.Chairman);
        var chairman = await Connect(await HubClients.SignInAsync(_base, "chutich.dx2", "Chairman-pass-1"));
        var walkIn = await Connect();

        var adHoc = await chairman.InvokeAsync<AdHocSession>("OpenAdHocSession", "Tố cáo cán bộ địa chính nhận tiền", MatterKind.Denunciation, Ct);
        await chairman.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);
        var joined = await walkIn.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-dx", DenouncerName, Ct);

        // In the room the denouncer is "Công dân", as with a sealed booking; the name exists only sealed.
        Assert.Equal("Công dân", joined.Participants.Single(p => p.Id == joined.ParticipantId).DisplayName);
        var row = await _app.WithScopeAsync(sp => sp.GetRequiredService<RealtimeDbContext>().Participants.AsNoTracking().SingleAsync(p => p.Id == joined.ParticipantId, Ct));
        Assert.Equal("Công dân", row.DisplayName);
        Assert.StartsWith(Kernel.Sealing.SealedBox.Prefix, row.SealedIdentity, StringComparison.Ordinal);
        Assert.DoesNotContain("Tố Giác", row.SealedIdentity, StringComparison.Ordinal);

        await chairman.InvokeAsync("EndSession", SessionOutcome.CaseAccepted, null, "Tiếp nhận đơn tố cáo", Ct);

        // The reception book row: denunciation, no name in plain, the walk-in's sealed identity; content from the reason.
        var entry = await Eventually.ValueAsync(
            () => _app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Receptions.AsNoTracking().SingleOrDefaultAsync(r => r.SessionId == adHoc.SessionId, Ct)),
            TimeSpan.FromSeconds(30), "reception book entry", Ct);
        Assert.Equal(CaseKind.Denunciation, entry!.Kind);
        Assert.Null(entry.CitizenName);
        Assert.Equal(row.SealedIdentity, entry.SealedIdentity);
        Assert.Equal("Tố cáo cán bộ địa chính nhận tiền", entry.Content);

        // The case: a denunciation with the Luật Tố cáo deadlines, its person sealed; the name is nowhere in plain.
        var file = await Eventually.ValueAsync(
            () => _app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Cases.AsNoTracking().Include(c => c.Deadlines).Include(c => c.Persons).SingleOrDefaultAsync(c => c.ReceptionId == entry.Id, Ct)),
            TimeSpan.FromSeconds(30), "case opened from the reception", Ct);
        Assert.Equal(CaseKind.Denunciation, file!.Kind);
        var acceptance = file.Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance);
        Assert.Contains("Luật Tố cáo", acceptance.Rule, StringComparison.Ordinal);
        Assert.Equal(row.SealedIdentity, Assert.Single(file.Persons).SealedIdentity);
        Assert.All(file.Persons, p => Assert.Null(p.FullName));
        await AssertNameNowhereInPlainAsync();

        // Its recording is sealed like a denunciation booking's: the archive request built from the ended session says so.
        var info = await _app.WithScopeAsync(sp => sp.GetRequiredService<IReceptionSessionDirectory>().FindAsync(adHoc.SessionId, Ct));
        Assert.Equal(new AdHocMatter(MatterKind.Denunciation, "Tố cáo cán bộ địa chính nhận tiền"), info!.AdHoc);
        Assert.True(ArchiveOnSessionEnd.Request(info, SessionEndKind.Ended, info.EndedAt!.Value).SealAsDenunciation);
        Assert.Equal(chairmanId, info.PresidingOfficialId);
    }

    [Fact]
    public async Task AdHocComplaint_EndedWithCaseAccepted_FiledAsComplaintWithTheNameInPlain()
    {
        await _app.CreateStaffAsync("chutich.dx3", "Chairman-pass-1", "Chủ Tịch", TestRoles.Chairman);
        var chairman = await Connect(await HubClients.SignInAsync(_base, "chutich.dx3", "Chairman-pass-1"));
        var walkIn = await Connect();
        var adHoc = await chairman.InvokeAsync<AdHocSession>("OpenAdHocSession", "Khiếu nại quyết định thu hồi đất", MatterKind.Complaint, Ct);
        await chairman.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);
        await walkIn.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-kn", "Ngô Văn Khiếu", Ct);
        await chairman.InvokeAsync("EndSession", SessionOutcome.CaseAccepted, null, null, Ct);

        var file = await Eventually.ValueAsync(
            () => _app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Cases.AsNoTracking().Include(c => c.Deadlines).Include(c => c.Persons).SingleOrDefaultAsync(c => c.Summary == "Khiếu nại quyết định thu hồi đất", Ct)),
            TimeSpan.FromSeconds(30), "case opened from the ad-hoc complaint", Ct);
        Assert.Equal(CaseKind.Complaint, file!.Kind);
        Assert.Contains("Luật Khiếu nại", file.Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance).Rule, StringComparison.Ordinal);
        Assert.Equal("Ngô Văn Khiếu", Assert.Single(file.Persons).FullName);
    }

    private async Task AssertNameNowhereInPlainAsync()
    {
        await _app.WithScopeAsync(async sp =>
        {
            var realtime = sp.GetRequiredService<RealtimeDbContext>();
            Assert.False(await realtime.Participants.AnyAsync(p => p.DisplayName.Contains("Tố Giác"), Ct));
            var cases = sp.GetRequiredService<CasesDbContext>();
            Assert.False(await cases.Receptions.AnyAsync(r => (r.CitizenName ?? "").Contains("Tố Giác") || (r.Notes ?? "").Contains("Tố Giác"), Ct));
            Assert.False(await cases.Persons.AnyAsync(p => (p.FullName ?? "").Contains("Tố Giác"), Ct));
            return true;
        });
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
