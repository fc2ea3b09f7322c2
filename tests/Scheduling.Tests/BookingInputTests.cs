using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace DaoVien.OnlineReception.Scheduling.Tests;

/// <summary>What the public may type and upload: normalised where people differ, refused where text or files lie.</summary>
public sealed class BookingInputTests(PostgresServer server) : IAsyncLifetime
{
    private SchedulingTestApp _app = null!;
    private Guid _dayId;

    public async ValueTask InitializeAsync()
    {
        _app = await SchedulingTestApp.StartAsync(server);
        await _app.AddWeeklyRuleAsync(DayOfWeek.Thursday, capacity: 3);
        await _app.PublishAsync(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 31));
        _dayId = await _app.WithDbAsync(db => db.ReceptionDays.Where(d => d.Date == new DateOnly(2026, 12, 3)).Select(d => d.Id).SingleAsync());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("fullName", "Nguyễn \u202EnăV An")]
    [InlineData("fullName", "Lan\0")]
    [InlineData("fullName", "Nguyễn\u200BVăn An")]
    [InlineData("address", "Số 1\u0007 đường Đào Viên")]
    [InlineData("summary", "Đề nghị\u2066 sửa đường")]
    public async Task PostBooking_ControlBidiOrZeroWidthCharacter_Refused400WithSentenceNothingStored(string field, string value)
    {
        using var response = await PostAsync(b => b[field] = value);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ký tự điều khiển hoặc ký tự ẩn", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Bookings.CountAsync()));
    }

    [Fact]
    public async Task PostBooking_DecomposedVietnameseAndSpacedPhone_StoredNormalised()
    {
        // "Nguyễn" typed with combining marks (e + circumflex + tilde), as some keyboards send it.
        using var response = await PostAsync(b =>
        {
            b["fullName"] = "Nguye\u0302\u0303n Thi\u0323 Lan";
            b["phone"] = "0912 345.678";
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await _app.WithDbAsync(db => db.Bookings.SingleAsync());
        Assert.Equal("Nguyễn Thị Lan", stored.FullName);
        Assert.True(stored.FullName!.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("0912345678", stored.Phone);
    }

    [Fact]
    public async Task GetBooking_CodeTypedWithSpace_Found()
    {
        using var created = await PostAsync(_ => { });
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var code = json.RootElement.GetProperty("code").GetString()!;

        using var client = _app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/api/bookings/{Uri.EscapeDataString(code[..4].ToLowerInvariant() + " " + code[4..])}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostBooking_PdfHeaderFollowedByExecutable_RefusedAsNotPdf()
    {
        var disguised = "%PDF-1.7\n"u8.ToArray().Concat(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 }).Concat(new byte[4096]).ToArray();
        using var response = await PostAsync(b => b["attachments"] = Attachments(("don.pdf", disguised)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("không phải PDF, JPEG hoặc PNG", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Bookings.CountAsync()));
    }

    [Fact]
    public async Task PostBooking_RealPdfAndJpegWithGpsExif_PdfKeptImageStrippedOfMetadata()
    {
        var pdf = RealPdf();
        var photo = JpegWithExif("DAOVIEN-GPS-21.0285N-105.8542E");
        Assert.Contains("DAOVIEN-GPS", Encoding.ASCII.GetString(photo), StringComparison.Ordinal);

        using var response = await PostAsync(b => b["attachments"] = Attachments(("don.pdf", pdf), ("anh-hien-truong.jpg", photo)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var files = await _app.WithDbAsync(db => db.BookingAttachments.OrderBy(a => a.ContentType).ToListAsync());
        Assert.Equal(["application/pdf", "image/jpeg"], files.Select(f => f.ContentType));
        Assert.Equal(pdf, files[0].Content);
        var stored = files[1].Content;
        Assert.DoesNotContain("DAOVIEN-GPS", Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        using var decoded = SKBitmap.Decode(stored);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task PostBooking_PngThatDoesNotDecode_Refused()
    {
        var broken = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        using var response = await PostAsync(b => b["attachments"] = Attachments(("anh.png", broken)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(Action<JsonObject> change)
    {
        var body = JsonSerializer.SerializeToNode(SchedulingTestApp.BookingBody(_dayId))!.AsObject();
        change(body);
        using var client = _app.Factory.CreateClient();
        return await client.PostAsJsonAsync(new Uri("/api/bookings", UriKind.Relative), body, TestContext.Current.CancellationToken);
    }

    private static JsonArray Attachments(params (string Name, byte[] Content)[] files) =>
        [.. files.Select(f => (JsonNode)new JsonObject { ["fileName"] = f.Name, ["contentBase64"] = Convert.ToBase64String(f.Content) })];

    private static byte[] RealPdf()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText("Don kien nghi", 12, new UglyToad.PdfPig.Core.PdfPoint(72, 720), builder.AddStandard14Font(Standard14Font.Helvetica));
        return builder.Build();
    }

    // A camera JPEG: the picture plus an APP1 "Exif" segment right after SOI, carrying a recognisable payload.
    private static byte[] JpegWithExif(string payload)
    {
        using var bitmap = new SKBitmap(64, 48);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        var tiff = "Exif\0\0II*\0\u0008\0\0\0\0\0"u8.ToArray().Concat(Encoding.ASCII.GetBytes(payload)).ToArray();
        var length = tiff.Length + 2;
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(tiff);
        return jpeg[..2].Concat(app1).Concat(jpeg[2..]).ToArray();
    }
}
