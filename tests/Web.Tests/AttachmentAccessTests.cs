using System.Net;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>
/// A citizen's booking attachments as staff open them (docs/adr/0095): inline for viewing with headers that let
/// nothing run, sealed ones never opened, every access and refusal in the attachment access log.
/// </summary>
public sealed class AttachmentAccessTests(PostgresServer server) : IAsyncLifetime
{
    private const string Password = "Attach-2026!x";

    private readonly CapturedLogs _logs = new();
    private ReceptionAppFactory _app = null!;
    private Guid _chairman;
    private Guid? _dayId;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "att-" + Guid.NewGuid().ToString("N")[..8]))
            .WithServices(_logs.AddTo);
        using var warmUp = _app.CreateClient();
        _chairman = await _app.CreateStaffAsync("chutich", Password, "Nguyễn Văn Chủ", TestRoles.Chairman);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public async Task OfficeAttachment_ViewAndDownload_InlineWithSafeHeadersAndBothLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        var pdf = TestDocuments.Pdf();
        var booking = await BookAsync(MatterKind.Complaint, ("Đơn khiếu nại.pdf", pdf));
        var attachment = await SingleAttachmentAsync(booking);
        await _app.CreateStaffAsync("vanphong", Password, "Trần Thị Văn", TestRoles.Staff);
        using var client = _app.CreateClient();
        await client.SignInAsync("vanphong", Password, ct);

        using var view = await client.GetAsync(new Uri($"Office/Bookings?handler=Attachment&id={attachment}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("application/pdf", view.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", view.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Đơn khiếu nại.pdf", view.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", view.Headers.GetValues("X-Content-Type-Options")));
        var csp = string.Join(",", view.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("sandbox", csp, StringComparison.Ordinal);
        Assert.Contains("no-store", view.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(pdf, await view.Content.ReadAsByteArrayAsync(ct));

        using var download = await client.GetAsync(new Uri($"Office/Bookings?handler=Attachment&id={attachment}&download=1", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);

        var rows = await LogAsync(attachment);
        Assert.Equal([AttachmentAccessAction.View, AttachmentAccessAction.Download], rows.Select(r => r.Action));
        Assert.All(rows, r =>
        {
            Assert.Equal("vanphong", r.StaffName);
            Assert.Equal(TestRoles.Staff, r.Roles);
            Assert.Equal(booking, r.BookingId);
            Assert.Null(r.CaseId);
        });

        // Auditors read the same rows on the access log page.
        await _app.CreateStaffAsync("thanhtra", Password, "Đỗ Văn Tra", TestRoles.Inspector);
        using var auditor = _app.CreateClient();
        await auditor.SignInAsync("thanhtra", Password, ct);
        var log = await auditor.GetStringAsync(new Uri("Cases/AccessLog", UriKind.Relative), ct);
        Assert.Equal(2, CountOf(log, "<tr data-action=\""));
        Assert.Contains("vanphong <small>(Staff)</small>", log, StringComparison.Ordinal);
        Assert.Contains("Đơn khiếu nại.pdf", log, StringComparison.Ordinal);

        // The bookings page links both.
        var page = await client.GetStringAsync(new Uri("Office/Bookings", UriKind.Relative), ct);
        Assert.Contains($"data-testid=\"attachment-view-{attachment}\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"attachment-download-{attachment}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficeAttachment_Anonymous_RedirectedToSignInAndNothingServedOrLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        var attachment = await SingleAttachmentAsync(await BookAsync(MatterKind.Complaint, ("don.pdf", TestDocuments.Pdf())));
        using var anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await anonymous.GetAsync(new Uri($"Office/Bookings?handler=Attachment&id={attachment}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await LogAsync(attachment));
    }

    [Fact]
    public async Task OfficeAttachment_Sealed_OnlySealedBytesAsOctetStreamAndLoggedAsSealed()
    {
        var ct = TestContext.Current.CancellationToken;
        var booking = await BookAsync(MatterKind.Denunciation, ("to-cao.pdf", TestDocuments.Pdf()));
        var attachment = await SingleAttachmentAsync(booking);
        var stored = await _app.WithScopeAsync(sp => sp.GetRequiredService<SchedulingDbContext>().BookingAttachments.AsNoTracking().SingleAsync(a => a.Id == attachment, ct));
        await _app.CreateStaffAsync("vanphong", Password, "Trần Thị Văn", TestRoles.Staff);
        using var client = _app.CreateClient();
        await client.SignInAsync("vanphong", Password, ct);

        // Asked to view or to download: the same opaque .sealed bytes.
        foreach (var query in new[] { "", "&download=1" })
        {
            using var response = await client.GetAsync(new Uri($"Office/Bookings?handler=Attachment&id={attachment}{query}", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.EndsWith(".sealed", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
            Assert.Equal(stored.Content, await response.Content.ReadAsByteArrayAsync(ct));
        }

        var rows = await LogAsync(attachment);
        Assert.Equal([AttachmentAccessAction.SealedDownload, AttachmentAccessAction.SealedDownload], rows.Select(r => r.Action));
        var page = await client.GetStringAsync(new Uri("Office/Bookings", UriKind.Relative), ct);
        Assert.Contains("tệp đã niêm phong", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"attachment-view-{attachment}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficeAttachment_UnknownId_NotFoundPageWithoutTrace()
    {
        var ct = TestContext.Current.CancellationToken;
        await _app.CreateStaffAsync("vanphong", Password, "Trần Thị Văn", TestRoles.Staff);
        using var client = _app.CreateClient();
        await client.SignInAsync("vanphong", Password, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"Office/Bookings?handler=Attachment&id={Guid.NewGuid()}", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("Không tìm thấy", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.Exception is not null);
    }

    [Fact]
    public async Task CaseAttachment_AssignedClerkOpens_OtherClerkRefusedAndRefusalLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        var booking = await BookAsync(MatterKind.Complaint, ("ảnh hiện trường.png", TestDocuments.Png()));
        var attachment = await SingleAttachmentAsync(booking);
        // Stored re-encoded (AttachmentInspector): what is served is what is stored.
        var png = await _app.WithScopeAsync(sp => sp.GetRequiredService<SchedulingDbContext>().BookingAttachments.Where(a => a.Id == attachment).Select(a => a.Content).SingleAsync(ct));
        var assigned = await _app.CreateStaffAsync("canbo1", Password, "Lê Văn Một", TestRoles.Staff);
        await _app.CreateStaffAsync("canbo2", Password, "Phạm Thị Hai", TestRoles.Staff);
        var caseId = await _app.WithScopeAsync(async sp =>
        {
            var made = await sp.GetRequiredService<ICaseIntake>().CreateCaseFromBookingAsync(booking, _chairman, ct);
            Assert.Null(made.Error);
            var assignedTo = await sp.GetRequiredService<CaseRegistry>().AssignAsync(made.Value!.CaseId, assigned, CaseActor.System, ct);
            Assert.True(assignedTo.Succeeded, assignedTo.Error);
            return made.Value.CaseId;
        });

        using var clerk = _app.CreateClient();
        await clerk.SignInAsync("canbo1", Password, ct);
        var page = await clerk.GetStringAsync(new Uri($"Cases/Details?id={caseId}", UriKind.Relative), ct);
        Assert.Contains($"data-testid=\"case-attachment-view-{attachment}\"", page, StringComparison.Ordinal);
        using var view = await clerk.GetAsync(new Uri($"Cases/Details?id={caseId}&handler=Attachment&attachmentId={attachment}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("image/png", view.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", view.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(png, await view.Content.ReadAsByteArrayAsync(ct));
        using var download = await clerk.GetAsync(new Uri($"Cases/Details?id={caseId}&handler=Attachment&attachmentId={attachment}&download=1", UriKind.Relative), ct);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);

        using var other = _app.CreateClient();
        await other.SignInAsync("canbo2", Password, ct);
        using var refused = await other.GetAsync(new Uri($"Cases/Details?id={caseId}&handler=Attachment&attachmentId={attachment}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.NotEqual("image/png", refused.Content.Headers.ContentType?.MediaType);

        // The case does not reach another booking's files either, even for its own clerk.
        var elsewhere = await SingleAttachmentAsync(await BookAsync(MatterKind.Complaint, ("khac.pdf", TestDocuments.Pdf()), slot: 1));
        using var foreign = await clerk.GetAsync(new Uri($"Cases/Details?id={caseId}&handler=Attachment&attachmentId={elsewhere}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var rows = await LogAsync(attachment);
        Assert.Equal([("canbo1", AttachmentAccessAction.View), ("canbo1", AttachmentAccessAction.Download), ("canbo2", AttachmentAccessAction.Refused)], rows.Select(r => (r.StaffName, r.Action)));
        Assert.All(rows, r => Assert.Equal(caseId, r.CaseId));
        Assert.Equal(AttachmentAccessAction.Refused, Assert.Single(await LogAsync(elsewhere)).Action);
        var warnings = _logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains(attachment.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Null(warnings[0].Exception);
    }

    private async Task<Guid> BookAsync(MatterKind kind, (string Name, byte[] Content) file, int slot = 0)
    {
        var ct = TestContext.Current.CancellationToken;
        var bookings = new ReceptionBookings(_app.Services);
        _dayId ??= await bookings.OpenDayAsync(_chairman, daysFromToday: 1);
        return await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SchedulingDbContext>();
            var day = await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == _dayId, ct);
            var receipt = await sp.GetRequiredService<BookingService>().CreateAsync(
                new BookingRequest(day.Id, day.StartTime.AddMinutes(slot * day.SlotMinutes), "Nguyễn Văn Dân", "001089012345", "0912345678", null, "Số 1 đường Đào Viên", kind,
                    "Đất đai", "Tranh chấp ranh giới thửa đất với hộ liền kề", PrivacyAcknowledged: true, Attachments: [new AttachmentUpload(file.Name, file.Content)]),
                ct);
            Assert.Null(receipt.Error);
            return receipt.Value!.Id;
        });
    }

    private async Task<Guid> SingleAttachmentAsync(Guid bookingId) =>
        await _app.WithScopeAsync(sp => sp.GetRequiredService<SchedulingDbContext>().BookingAttachments.Where(a => a.BookingId == bookingId).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken));

    private async Task<List<AttachmentAccess>> LogAsync(Guid attachmentId) =>
        await _app.WithScopeAsync(sp => sp.GetRequiredService<SchedulingDbContext>().AttachmentAccessLog.AsNoTracking()
            .Where(a => a.AttachmentId == attachmentId).OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken));

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
