using System.Net;
using System.Security.Cryptography;
using DaoVien.OnlineReception.Cases.Minutes;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Web.Integration;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>
/// A session ends → its minutes (biên bản tiếp công dân) are a PDF in the administrative layout, attached to the case,
/// readable (text extracted with PdfPig), regenerated with the archive's manifest hash, confirmed by the presiding
/// official only, downloaded by those who may see the case (logged); sealed for a denunciation (docs/adr/0067).
/// </summary>
public sealed class MinutesTests(PostgresServer server) : IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "minutes-" + Guid.NewGuid().ToString("N")[..8]));
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task SessionEnds_MinutesPdfAttachedReadableThenWithArchiveHash_ConfirmedByPresidingDownloadLogged()
    {
        var chairmanId = await _app.CreateStaffAsync("chutich.bb", "Chairman-pass-1", "Nguyễn Văn Chủ", TestRoles.Chairman);
        await _app.CreateStaffAsync("canbo.bb", "Clerk-pass-2026", "Trần Văn Khác", TestRoles.Staff);
        var chairmanCookies = await HubClients.SignInAsync(_base, "chutich.bb", "Chairman-pass-1");
        var chairman = await Connect(chairmanCookies);
        var walkIn = await Connect();
        var adHoc = await chairman.InvokeAsync<AdHocSession>("OpenAdHocSession", "Khiếu nại quyết định thu hồi đất số 15", MatterKind.Complaint, Ct);
        await chairman.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);
        await walkIn.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-bb", "Ngô Văn Khiếu", Ct);
        await walkIn.InvokeAsync("SendChat", "Tôi gửi kèm quyết định số 15/QĐ-UBND ngày 03/11/2026", Ct);
        await chairman.InvokeAsync("SendChat", "Đã nhận, cảm ơn ông", Ct);
        await chairman.InvokeAsync("EndSession", SessionOutcome.CaseAccepted, null, "Hẹn trả lời trong 10 ngày làm việc", Ct);

        var record = await Eventually.ValueAsync(() => MinutesAsync(adHoc.SessionId), TimeSpan.FromSeconds(30), "minutes of the session", Ct);
        var caseFile = await _app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Cases.AsNoTracking().Include(c => c.History).SingleAsync(c => c.Summary == "Khiếu nại quyết định thu hồi đất số 15", Ct));
        Assert.Equal(caseFile.Id, record!.CaseId);
        Assert.Contains(caseFile.History, h => h.Action == "MinutesAttached" && h.Details.Contains(record.Number, StringComparison.Ordinal));
        Assert.False(record.Sealed);
        Assert.Equal(1, record.Version);
        Assert.Equal(Sha256(record.Content), record.PdfSha256);

        var text = Text(record.Content);
        Assert.Contains("ỦY BAN NHÂN DÂN PHƯỜNG ĐÀO VIÊN", text, StringComparison.Ordinal);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", text, StringComparison.Ordinal);
        Assert.Contains("Số: " + record.Number, text, StringComparison.Ordinal);
        Assert.Contains("BIÊN BẢN TIẾP CÔNG DÂN", text, StringComparison.Ordinal);
        Assert.Contains("Người chủ trì: Nguyễn Văn Chủ", text, StringComparison.Ordinal);
        Assert.Contains("Công dân: Ngô Văn Khiếu", text, StringComparison.Ordinal);
        Assert.Contains("Loại việc: Khiếu nại.", text, StringComparison.Ordinal);
        Assert.Contains("Khiếu nại quyết định thu hồi đất số 15", text, StringComparison.Ordinal);
        Assert.Contains("khoản 1 Điều 28 Luật Tiếp công dân 2013); hồ sơ số " + caseFile.Number, text, StringComparison.Ordinal);
        Assert.Contains("Ghi chú của người chủ trì: Hẹn trả lời trong 10 ngày làm việc", text, StringComparison.Ordinal);
        Assert.Contains("Ngô Văn Khiếu: Tôi gửi kèm quyết định số 15/QĐ-UBND ngày 03/11/2026", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn Chủ: Đã nhận, cảm ơn ông", text, StringComparison.Ordinal);
        Assert.Contains("Chưa có mã băm", text, StringComparison.Ordinal);
        using (var pdf = PdfDocument.Open(record.Content))
        {
            // The font travels inside the file as a subset (the "ABCDEF+" tag): any reader shows the Vietnamese letters.
            Assert.All(pdf.GetPages().SelectMany(p => p.Letters), l => Assert.Matches(@"^[A-Z]{6}\+DejaVu Sans", l.FontName));
        }

        // The archive is complete: the minutes are generated again with its manifest hash (once, however often told).
        const string manifest = "5f1d0c3b8a9e4f7d2c6b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c";
        for (var i = 0; i < 2; i++)
        {
            await _app.WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<SessionToMinutes>().ArchiveCompletedAsync(new ArchiveCompleted(Guid.NewGuid(), adHoc.SessionId, null, caseFile.Number, manifest), Ct);
                return true;
            });
        }

        record = await MinutesAsync(adHoc.SessionId);
        Assert.Equal(2, record!.Version);
        Assert.Contains("Mã băm SHA-256 của bản kê lưu trữ (manifest.json): " + manifest, Text(record.Content), StringComparison.Ordinal);

        // The presiding official finds them on the console until confirmed.
        using (var http = Client(chairmanCookies))
        {
            Assert.Contains($"/Cases/Minutes?id={record.Id}", await http.GetStringAsync(new Uri("/Console", UriKind.Relative), Ct), StringComparison.Ordinal);
        }

        // Only the presiding official confirms; the confirmation is logged with the version's hash.
        var clerk = new CaseActor(Guid.NewGuid(), "canbo", SeesAllCases: true, CanReadAccessLog: false);
        Assert.False(await _app.WithScopeAsync(sp => sp.GetRequiredService<SessionMinutesService>().ConfirmAsync(record.Id, clerk, Ct)));
        Assert.True(await _app.WithScopeAsync(sp => sp.GetRequiredService<SessionMinutesService>().ConfirmAsync(record.Id, new CaseActor(chairmanId, "chutich.bb", true, false), Ct)));
        record = await MinutesAsync(adHoc.SessionId);
        Assert.Equal(chairmanId, record!.ConfirmedBy);
        Assert.Contains(record.Log, l => l.Action == "Confirmed" && l.Details.Contains(record.PdfSha256, StringComparison.Ordinal));

        // Download: the presiding official gets the PDF (logged); a staff member who may not see the case gets nothing.
        using (var http = Client(chairmanCookies))
        {
            using var response = await http.GetAsync(new Uri($"/Cases/Minutes?handler=Download&id={record.Id}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(record.PdfSha256, Sha256(await response.Content.ReadAsByteArrayAsync(Ct)));
            var page = await http.GetStringAsync(new Uri($"/Cases/Minutes?id={record.Id}", UriKind.Relative), Ct);
            Assert.Contains("Đã xác nhận lúc", page, StringComparison.Ordinal);
            Assert.DoesNotContain("minutes-to-confirm", await http.GetStringAsync(new Uri("/Console", UriKind.Relative), Ct), StringComparison.Ordinal);
        }

        using (var other = Client(await HubClients.SignInAsync(_base, "canbo.bb", "Clerk-pass-2026")))
        {
            using var refused = await other.GetAsync(new Uri($"/Cases/Minutes?handler=Download&id={record.Id}", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        record = await MinutesAsync(adHoc.SessionId);
        Assert.Single(record!.Log, l => l.Action == "Downloaded");
        Assert.Equal(chairmanId, record.Log.Single(l => l.Action == "Downloaded").ActorId);
    }

    [Fact]
    public async Task DenunciationSession_Ends_MinutesSealedAndOpenWithThePrivateKeyWithoutTheName()
    {
        await _app.CreateStaffAsync("chutich.bb2", "Chairman-pass-1", "Lê Thị Chủ", TestRoles.Chairman);
        var chairman = await Connect(await HubClients.SignInAsync(_base, "chutich.bb2", "Chairman-pass-1"));
        var walkIn = await Connect();
        var adHoc = await chairman.InvokeAsync<AdHocSession>("OpenAdHocSession", "Tố cáo hành vi nhận hối lộ", MatterKind.Denunciation, Ct);
        await chairman.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);
        await walkIn.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-bb2", "Đặng Văn Tố", Ct);
        await chairman.InvokeAsync("EndSession", SessionOutcome.AnsweredOnTheSpot, null, null, Ct);

        var record = await Eventually.ValueAsync(() => MinutesAsync(adHoc.SessionId), TimeSpan.FromSeconds(30), "minutes of the session", Ct);
        Assert.True(record!.Sealed);
        Assert.False(record.Content.AsSpan().StartsWith("%PDF"u8));
        Assert.EndsWith(".pdf" + SealedFile.Extension, record.FileName, StringComparison.Ordinal);

        var privateKey = await File.ReadAllTextAsync(Path.Combine(_app.DataDirectory, IdentitySealer.PrivateKeyFileName), Ct);
        using var input = new MemoryStream(record.Content);
        using var opened = new MemoryStream();
        await SealedFile.OpenAsync(input, opened, privateKey, Ct);
        Assert.Equal(record.PdfSha256, Sha256(opened.ToArray()));
        var text = Text(opened.ToArray());
        Assert.Contains("Loại việc: Tố cáo.", text, StringComparison.Ordinal);
        Assert.Contains("Công dân: Công dân", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Đặng Văn Tố", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DenunciationSession_Chat_ParticipantsReadItStoredSealedOnly_MinutesShowItSealed_PrivateKeyOpensIt()
    {
        const string Line = "Cán bộ địa chính nhận 50 triệu đồng tại quán cà phê";
        await _app.CreateStaffAsync("chutich.bb3", "Chairman-pass-1", "Vũ Thị Chủ", TestRoles.Chairman);
        var chairman = await Connect(await HubClients.SignInAsync(_base, "chutich.bb3", "Chairman-pass-1"));
        var walkIn = await Connect();
        var received = new TaskCompletionSource<ChatView>(TaskCreationOptions.RunContinuationsAsynchronously);
        chairman.On<ChatView>("ChatReceived", line => received.TrySetResult(line));
        var adHoc = await chairman.InvokeAsync<AdHocSession>("OpenAdHocSession", "Tố cáo nhận hối lộ", MatterKind.Denunciation, Ct);
        await chairman.InvokeAsync<JoinInfo>("JoinSession", adHoc.SessionId, Ct);
        await walkIn.InvokeAsync<JoinInfo>("JoinWithLink", adHoc.JoinToken, "device-bb3", "Đỗ Văn Tố", Ct);
        await walkIn.InvokeAsync("SendChat", Line, Ct);

        // The running session reads it in plain.
        Assert.Equal(Line, (await received.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Text);

        // The database holds only the sealed form.
        var stored = await _app.WithScopeAsync(sp => sp.GetRequiredService<Persistence.RealtimeDbContext>().ChatMessages.AsNoTracking().SingleAsync(m => m.SessionId == adHoc.SessionId, Ct));
        Assert.Equal("", stored.Text);
        Assert.StartsWith(SealedBox.Prefix, stored.SealedText, StringComparison.Ordinal);
        var privateKey = await File.ReadAllTextAsync(Path.Combine(_app.DataDirectory, IdentitySealer.PrivateKeyFileName), Ct);
        Assert.Contains(Line, SealedBox.Open(stored.SealedText!, privateKey), StringComparison.Ordinal);

        await chairman.InvokeAsync("EndSession", SessionOutcome.AnsweredOnTheSpot, null, null, Ct);
        var record = await Eventually.ValueAsync(() => MinutesAsync(adHoc.SessionId), TimeSpan.FromSeconds(30), "minutes of the session", Ct);
        using var input = new MemoryStream(record!.Content);
        using var opened = new MemoryStream();
        await SealedFile.OpenAsync(input, opened, privateKey, Ct);
        var text = Text(opened.ToArray());
        Assert.DoesNotContain("50 triệu", text, StringComparison.Ordinal);
        Assert.Contains("niêm phong", text, StringComparison.Ordinal);
    }

    private Task<SessionMinutesRecord?> MinutesAsync(Guid sessionId) =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Minutes.AsNoTracking().Include(m => m.Log).SingleOrDefaultAsync(m => m.SessionId == sessionId, Ct));

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private HttpClient Client(System.Net.CookieContainer cookies)
    {
#pragma warning disable CA2000 // The client owns the handler (disposeHandler: true).
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = _base };
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
