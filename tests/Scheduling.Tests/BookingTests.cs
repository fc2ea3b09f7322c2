using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Scheduling.Tests;

public sealed class BookingTests(PostgresServer server) : IAsyncLifetime
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

    [Fact]
    public async Task PostBooking_ValidRequest_ReturnsCodeAndTokenFoundByHashOnly()
    {
        using var client = _app.Factory.CreateClient();
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, email: "an@example.vn"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var token = json.RootElement.GetProperty("joinToken").GetString()!;
        var code = json.RootElement.GetProperty("code").GetString()!;

        // ≥ 128 bits: 32 random bytes in base64url.
        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Z2-9]{8}$", code);
        var found = await _app.WithScopeAsync(sp => sp.GetRequiredService<IBookingDirectory>().FindByJoinTokenAsync(token, TestContext.Current.CancellationToken));
        Assert.NotNull(found);
        Assert.Equal(code, found.Code);
        Assert.Equal("Nguyễn Văn An", found.DisplayName);
        Assert.Equal(new TimeOnly(7, 30), found.SlotStart);
        Assert.Null(await _app.WithScopeAsync(sp => sp.GetRequiredService<IBookingDirectory>().FindByJoinTokenAsync(token[..^1] + (token[^1] == 'A' ? "B" : "A"), TestContext.Current.CancellationToken)));
        var stored = await _app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Code == code));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored.JoinTokenHash);
        var outbox = await _app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.BookingId == stored.Id));
        Assert.Equal("an@example.vn", outbox.Recipient);
        // Stored encrypted until sent: the database holds neither the code nor the join link in plain form.
        Assert.DoesNotContain(code, outbox.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, outbox.Body, StringComparison.Ordinal);
        var body = await _app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<OutboxBodies>().Open(outbox.Body)));
        Assert.Contains(code, body, StringComparison.Ordinal);
        Assert.Contains(token, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBooking_TwentyConcurrentForOneSlot_ExactlyOneSucceedsOthersGet409()
    {
        using var client = _app.Factory.CreateClient();
        var attempts = Enumerable.Range(0, 20).Select(_ => SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, slot: "07:50")));
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var problem = await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("07:50", problem, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Bookings.CountAsync(b => b.ReceptionDayId == _dayId && b.SlotStart == new TimeOnly(7, 50))));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Theory]
    [InlineData("00109001234", "citizenIdNumber")]
    [InlineData("0010900123456", "citizenIdNumber")]
    [InlineData("097090012345", "citizenIdNumber")]
    [InlineData("000090012345", "citizenIdNumber")]
    [InlineData("00109001234A", "citizenIdNumber")]
    public async Task PostBooking_BadCitizenId_Returns400AndStoresNothing(string citizenId, string field)
    {
        using var client = _app.Factory.CreateClient();
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, citizenId: citizenId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("12 chữ số", body, StringComparison.Ordinal);
        Assert.Contains(field, body, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Bookings.CountAsync()));
    }

    [Fact]
    public async Task PostBooking_SeveralMistakes_AllNamedByField_FirstInTheFormOrder()
    {
        using var client = _app.Factory.CreateClient();
        var disguised = new { fileName = "don.pdf", contentBase64 = Convert.ToBase64String("MZ not a pdf"u8.ToArray()) };
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, slot: "06:00", citizenId: "12", attachments: [disguised], email: "khong-phai-thu"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("slotStart", problem.RootElement.GetProperty("field").GetString());
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["slotStart", "citizenIdNumber", "email", "attachments"], errors);
        Assert.Contains("12 chữ số", problem.RootElement.GetProperty("errors").GetProperty("citizenIdNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Bookings.CountAsync()));
    }

    [Fact]
    public async Task PostBooking_DisguisedAttachment_Returns400AndStoresNothing()
    {
        using var client = _app.Factory.CreateClient();
        // An executable renamed to .pdf: refused by content.
        var disguised = new { fileName = "don-khieu-nai.pdf", contentBase64 = Convert.ToBase64String("MZ\x90\0 not a pdf"u8.ToArray()) };
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, attachments: [disguised]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("không phải PDF, JPEG hoặc PNG", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Bookings.CountAsync()));
    }

    [Fact]
    public async Task PostBooking_OversizedAttachment_Returns400AndStoresNothing()
    {
        using var client = _app.Factory.CreateClient();
        var big = new byte[(5 * 1024 * 1024) + 1];
        "%PDF-1.7"u8.CopyTo(big);
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, attachments: [new { fileName = "lon.pdf", contentBase64 = Convert.ToBase64String(big) }]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("quá lớn", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Bookings.CountAsync()));
    }

    [Fact]
    public async Task PostBooking_RealPdfAndPng_StoredWithTypeFromContent()
    {
        using var client = _app.Factory.CreateClient();
        using var bitmap = new SkiaSharp.SKBitmap(8, 8);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var png = encoded.ToArray();
        var pdfBuilder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        pdfBuilder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, attachments:
        [
            new { fileName = "../../etc/anh.jpg", contentBase64 = Convert.ToBase64String(png) },
            new { fileName = "don.pdf", contentBase64 = Convert.ToBase64String(pdfBuilder.Build()) },
        ]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var files = await _app.WithDbAsync(db => db.BookingAttachments.OrderBy(a => a.ContentType).ToListAsync());
        Assert.Equal(["application/pdf", "image/png"], files.Select(f => f.ContentType));
        Assert.Equal("anh.png", files[1].FileName);
    }

    [Fact]
    public async Task PostBooking_SlotAlreadyPast_Returns400()
    {
        // The Thursday after "now": move the clock to that day at 09:00, past the 07:30 slot.
        _app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        using var client = _app.Factory.CreateClient();
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("đã qua", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBooking_SlotBeyondCapacity_Returns400()
    {
        using var client = _app.Factory.CreateClient();
        // Capacity 3: 07:30, 07:50, 08:10 only.
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, slot: "08:30"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostBooking_GroupOfSixRepresentatives_Returns400()
    {
        using var client = _app.Factory.CreateClient();
        using var tooMany = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, representatives: ["B", "C", "D", "E", "G"]));
        using var five = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, representatives: ["B", "C", "D", "E"]));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Created, five.StatusCode);
        Assert.Equal(5, await _app.WithDbAsync(db => db.Bookings.Select(b => b.RepresentativeCount).SingleAsync()));
    }

    [Fact]
    public async Task PostBooking_Denunciation_IdentitySealedAndListsShowNoName()
    {
        using var client = _app.Factory.CreateClient();
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, kind: "denunciation", email: "to-cao@example.vn"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var stored = await _app.WithDbAsync(db => db.Bookings.SingleAsync());
        Assert.Null(stored.FullName);
        Assert.Null(stored.CitizenIdNumber);
        Assert.Null(stored.Phone);
        Assert.Null(stored.Email);
        Assert.Null(stored.Address);
        Assert.StartsWith(SealedBox.Prefix, stored.SealedIdentity, StringComparison.Ordinal);
        // Nothing in the row in plain form: the name, ID number and e-mail are nowhere in the database.
        var dump = await _app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("select row_to_json(b)::text as \"Value\" from scheduling.bookings b").SingleAsync());
        Assert.DoesNotContain("Nguyễn Văn An", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("001090012345", dump, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Outbox.CountAsync()));
        var listed = await _app.WithScopeAsync(sp => sp.GetRequiredService<IBookingDirectory>().ListForDateAsync(new DateOnly(2026, 12, 3), TestContext.Current.CancellationToken));
        Assert.Null(Assert.Single(listed).DisplayName);
    }

    [Fact]
    public async Task PostBooking_DenunciationAttachment_StoredSealedUnderNeutralName_OpensWithThePrivateKeyOnly()
    {
        using var client = _app.Factory.CreateClient();
        var pdfBuilder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        pdfBuilder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var pdf = pdfBuilder.Build();
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, kind: "denunciation",
            attachments: [new { fileName = "don-to-cao-Nguyen-Van-An.pdf", contentBase64 = Convert.ToBase64String(pdf) }]));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var file = await _app.WithDbAsync(db => db.BookingAttachments.SingleAsync());
        Assert.True(file.IsSealed);
        Assert.Equal("tep-dinh-kem-1.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(pdf.Length, file.Length);
        Assert.False(file.Content.AsSpan().IndexOf("%PDF-"u8) >= 0, "the stored bytes must not be the PDF");
        var dump = await _app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("select row_to_json(a)::text as \"Value\" from scheduling.booking_attachments a").SingleAsync());
        Assert.DoesNotContain("Nguyen-Van-An", dump, StringComparison.Ordinal);

        // The holder of the private key (the offline tool's SealedFile) gets the citizen's file back, byte for byte.
        var privateKey = await File.ReadAllTextAsync(Path.Combine(_app.Factory.DataDirectory, IdentitySealer.PrivateKeyFileName), TestContext.Current.CancellationToken);
        using var opened = new MemoryStream();
        using (var stored = new MemoryStream(file.Content))
        {
            await SealedFile.OpenAsync(stored, opened, privateKey, TestContext.Current.CancellationToken);
        }

        Assert.Equal(pdf, opened.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), file.Sha256);
    }

    [Fact]
    public async Task ConfirmAndReject_Staff_StatusVisibleByCodeAndCitizenNotified()
    {
        using var citizen = _app.Factory.CreateClient();
        using var first = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(_dayId, email: "a@example.vn"));
        using var second = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(_dayId, slot: "07:50", email: "b@example.vn"));
        var a = await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var b = await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var staff = await _app.SignedInClientAsync();

        using var anonymous = await citizen.PostAsync(new Uri($"/api/bookings/{a.GetProperty("id").GetGuid()}/confirm", UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var confirm = await staff.PostAsync(new Uri($"/api/bookings/{a.GetProperty("id").GetGuid()}/confirm", UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var rejectWithoutReason = await staff.PostAsJsonAsync(new Uri($"/api/bookings/{b.GetProperty("id").GetGuid()}/reject", UriKind.Relative), new { reason = " " }, TestContext.Current.CancellationToken);
        using var reject = await staff.PostAsJsonAsync(new Uri($"/api/bookings/{b.GetProperty("id").GetGuid()}/reject", UriKind.Relative), new { reason = "Không thuộc thẩm quyền của phường" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        var statusA = await citizen.GetFromJsonAsync<JsonElement>(new Uri("/api/bookings/" + a.GetProperty("code").GetString(), UriKind.Relative), TestContext.Current.CancellationToken);
        var statusB = await citizen.GetFromJsonAsync<JsonElement>(new Uri("/api/bookings/" + b.GetProperty("code").GetString()!.ToLowerInvariant(), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("confirmed", statusA.GetProperty("status").GetString());
        Assert.Equal("rejected", statusB.GetProperty("status").GetString());
        Assert.Equal("Không thuộc thẩm quyền của phường", statusB.GetProperty("rejectionReason").GetString());
        var kinds = await _app.WithDbAsync(db => db.Outbox.OrderBy(m => m.CreatedAt).Select(m => m.Kind.ToString()).ToListAsync());
        Assert.Equal(["BookingReceived", "BookingReceived", "BookingConfirmed", "BookingRejected"], kinds);
    }

    [Fact]
    public async Task GetBookingByCode_TooManyLookups_Returns429()
    {
        using var client = _app.Factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var r = await client.GetAsync(new Uri("/api/bookings/ZZZZ2222", UriKind.Relative), TestContext.Current.CancellationToken);
            statuses.Add(r.StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
