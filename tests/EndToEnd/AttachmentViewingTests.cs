using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// A clerk opens the citizen's attachments from the case page in a real Chromium, on a desktop and a phone: the photo
/// and the PDF open in the browser (inline, under the attachment CSP), each opening is logged (docs/adr/0095).
/// </summary>
public sealed class AttachmentViewingTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = "Tep-dinh-kem-2026!";

    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;
    private Guid _caseId;
    private Guid _image;
    private Guid _pdf;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "attach-" + Guid.NewGuid().ToString("N")[..8]));
        _base = _app.StartOnSocket();
        var chairman = await _app.CreateStaffAsync("chutich", Password, "Nguyễn Văn Chủ", TestRoles.Chairman);
        var clerk = await _app.CreateStaffAsync("canbo", Password, "Lê Văn Cán", TestRoles.Staff);
        var dayId = await new ReceptionBookings(_app.Services).OpenDayAsync(chairman, daysFromToday: 7);
        var booking = await _app.WithScopeAsync(async sp =>
        {
            var day = await sp.GetRequiredService<SchedulingDbContext>().ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == dayId, Ct);
            var receipt = await sp.GetRequiredService<BookingService>().CreateAsync(
                new BookingRequest(day.Id, day.StartTime, "Nguyễn Văn Dân", "001089012345", "0912345678", null, "Số 1 đường Đào Viên", MatterKind.Complaint,
                    "Đất đai", "Tranh chấp ranh giới thửa đất với hộ liền kề", PrivacyAcknowledged: true,
                    Attachments: [new AttachmentUpload("ảnh ranh giới.png", TestDocuments.Png()), new AttachmentUpload("đơn khiếu nại.pdf", TestDocuments.Pdf())]),
                Ct);
            Assert.Null(receipt.Error);
            return receipt.Value!.Id;
        });
        _caseId = await _app.WithScopeAsync(async sp =>
        {
            var made = await sp.GetRequiredService<ICaseIntake>().CreateCaseFromBookingAsync(booking, chairman, Ct);
            Assert.Null(made.Error);
            var assigned = await sp.GetRequiredService<CaseRegistry>().AssignAsync(made.Value!.CaseId, clerk, CaseActor.System, Ct);
            Assert.True(assigned.Succeeded, assigned.Error);
            return made.Value.CaseId;
        });
        var files = await _app.WithScopeAsync(sp => sp.GetRequiredService<SchedulingDbContext>().BookingAttachments.AsNoTracking()
            .Where(a => a.BookingId == booking).ToDictionaryAsync(a => a.ContentType, a => a.Id, Ct));
        _image = files["image/png"];
        _pdf = files["application/pdf"];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CasePage_AssignedClerk_OpensImageAndPdfInTheBrowserAndEachOpeningIsLogged(bool phone)
    {
        await using var context = await browser.NewContextAsync(_base, phone);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync("canbo", Password);
        await page.GotoAsync($"/Cases/Details?id={_caseId}");
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // The photo opens as a picture in a new tab (not a download) and is drawn.
        var imageTab = await page.RunAndWaitForPopupAsync(() => page.GetByTestId($"case-attachment-view-{_image}").ClickAsync());
        await imageTab.WaitForLoadStateAsync();
        Assert.Equal("image/png", await imageTab.EvaluateAsync<string>("() => document.contentType"));
        await Eventually.TrueAsync(async () => await imageTab.EvaluateAsync<int>("() => { const i = document.querySelector('img'); return i && i.complete ? i.naturalWidth : 0; }") == 16,
            TimeSpan.FromSeconds(10), "the attachment's picture drawn", Ct);
        await imageTab.CloseAsync();

        // The PDF opens in Chromium's own viewer under the attachment CSP (sandbox included) and its page is drawn: the
        // viewer's dark background with the white A4 page on it, not a "blocked" page or a download.
        var pdfTab = await page.RunAndWaitForPopupAsync(() => page.GetByTestId($"case-attachment-view-{_pdf}").ClickAsync());
        await pdfTab.WaitForLoadStateAsync();
        Assert.Equal("application/pdf", await pdfTab.EvaluateAsync<string>("() => document.contentType"));
        await Eventually.TrueAsync(async () => ShowsPdfPage(await pdfTab.ScreenshotAsync()), TimeSpan.FromSeconds(15), "the PDF page drawn by Chromium's viewer", Ct);
        await pdfTab.CloseAsync();

        var rows = await _app.WithScopeAsync(sp => sp.GetRequiredService<SchedulingDbContext>().AttachmentAccessLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct));
        Assert.Contains(rows, r => r.AttachmentId == _image && r.Action == AttachmentAccessAction.View && r.StaffName == "canbo" && r.CaseId == _caseId);
        Assert.Contains(rows, r => r.AttachmentId == _pdf && r.Action == AttachmentAccessAction.View && r.StaffName == "canbo");
    }

    /// <summary>Whether a screenshot shows the PDF viewer (dark background) with a white page on it.</summary>
    private static bool ShowsPdfPage(byte[] screenshot)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(screenshot);
        int white = 0, dark = 0, total = 0;
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                var c = bitmap.GetPixel(x, y);
                total++;
                white += c.Red > 245 && c.Green > 245 && c.Blue > 245 ? 1 : 0;
                dark += c.Red < 70 && c.Green < 70 && c.Blue < 70 ? 1 : 0;
            }
        }

        return white > total / 20 && dark > total / 20;
    }
}
