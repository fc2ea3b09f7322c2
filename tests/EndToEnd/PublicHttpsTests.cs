using System.Net;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.PublicEdge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// The deployment citizens meet: the shipped nginx site terminates TLS for <c>https://tiepdan.test</c> on the test
/// namespace's veth address, the app behind it trusts only that proxy. A citizen on a phone books, opens the join
/// link from the e-mail, and talks to the chairman on video.
/// </summary>
public sealed partial class PublicHttpsTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private const string HostName = "tiepdan.test";
    private const int LookupsPerMinute = 4;
    private static readonly IPAddress Veth = IPAddress.Parse("10.213.0.1");
    private static readonly Uri PublicBase = new($"https://{HostName}/");
    private ReceptionAppFactory _app = null!;
    private Uri _upstream = null!;
    private NginxProxy _nginx = null!;
    private IBrowser _browser = null!;
    private TestCertificate _certificate = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.True(JanusServer.IceInterface is not null, "this test needs test.sh's network namespace (veth rtc0 = 10.213.0.1)");
        var folder = Path.Combine(server.RootDirectory, "https-" + Guid.NewGuid().ToString("N")[..8]);
        _certificate = TestCertificate.Create(Path.Combine(folder, "tls"), HostName);
        var settings = new Dictionary<string, string?>(janus.Settings)
        {
            ["Reception:PublicUrl"] = PublicBase.GetLeftPart(UriPartial.Authority),
            ["Reception:TrustedProxies:0"] = "127.0.0.1",
            ["Scheduling:Bookings:LookupsPerMinute"] = LookupsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // Booking "today" needs time left in the ward's day, whatever hour the test runs.
        var clock = ShiftedTimeProvider.ToWardTime(new TimeOnly(9, 0));
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(folder, "data"), settings)
            .WithServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(clock);
            });
        _upstream = _app.StartOnSocket();
        _nginx = await NginxProxy.StartAsync(Path.Combine(folder, "nginx"), _certificate, Veth, _upstream);
        _browser = await browser.LaunchAsync(_certificate.ChromiumArgs(Veth.ToString()));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _nginx.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task CitizenOnPhoneOverHttpsThroughProxy_BooksJoinsFromEmailLink_TalksWithChairman()
    {
        var chairmanId = await _app.CreateStaffAsync("chutich", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var dayId = await new ReceptionBookings(_app.Services).OpenDayAsync(chairmanId);

        await using var phone = await browser.NewContextAsync(PublicBase, phone: true, browser: _browser);
        var citizen = await phone.NewPageAsync();
        var form = await citizen.GotoAsync($"/Booking?day={dayId}");
        Assert.NotNull(form);
        Assert.Equal(200, form.Status);
        Assert.Contains("max-age=", form.Headers["strict-transport-security"], StringComparison.Ordinal);
        // The whole visit below runs under the strict policy: a page that needed inline script would break here.
        Assert.Contains("script-src 'self';", form.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", form.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", form.Headers["x-content-type-options"]);
        Assert.Equal("no-referrer", form.Headers["referrer-policy"]);
        Assert.Contains("camera=(self)", form.Headers["permissions-policy"], StringComparison.Ordinal);
        await citizen.Locator("input[name='Input.Slot']").First.CheckAsync();
        await citizen.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Lan");
        await citizen.GetByLabel("Số định danh cá nhân (CCCD, 12 số)").FillAsync("001190012345");
        await citizen.GetByLabel("Số điện thoại").FillAsync("0987654321");
        await citizen.GetByLabel("Thư điện tử", new() { Exact = false }).FillAsync("lan@daovien.test");
        await citizen.GetByLabel("Địa chỉ").FillAsync("Tổ 5, phường Đào Viên");
        await citizen.GetByLabel("Loại vụ việc").SelectOptionAsync("Petition");
        await citizen.GetByLabel("Tóm tắt nội dung").FillAsync("Đề nghị sửa chữa đường ngõ 12.");
        await citizen.GetByLabel("Tôi đã đọc và đồng ý").CheckAsync();
        await citizen.GetByTestId("booking-submit").ClickAsync();
        var code = (await citizen.GetByTestId("booking-code").TextContentAsync())!.Trim();
        await Assertions.Expect(citizen.GetByTestId("booking-join-link")).ToContainTextAsync($"https://{HostName}/Reception/Join?t=");

        // The e-mail's join link starts with the public address, not with where the app listens.
        var joinLink = await JoinLinkFromEmailAsync(code);
        Assert.StartsWith($"https://{HostName}/Reception/Join?t=", joinLink, StringComparison.Ordinal);
        await ConfirmAsync(code);
        await SessionTests.OpenLobbyAsync(_app.Services);

        await citizen.GotoAsync(joinLink);
        // The token leaves the address bar (history, Referer, proxy logs) on first load: it lives in a Secure,
        // HttpOnly cookie scoped to the join page.
        Assert.Equal($"https://{HostName}/Reception/Join", citizen.Url);
        var joinCookie = (await phone.CookiesAsync()).Single(c => c.Name == "dv_join");
        Assert.True(joinCookie.Secure && joinCookie.HttpOnly);
        Assert.Equal("/Reception/Join", joinCookie.Path);
        Assert.True(await citizen.EvaluateAsync<bool>("() => window.isSecureContext && !!navigator.mediaDevices"));
        await citizen.GetByTestId("device-ok").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("lobby-position")).ToHaveTextAsync("1");

        await using var desk = await browser.NewContextAsync(PublicBase, browser: _browser);
        var chairman = await LobbySteps.ConsoleAsync(desk, "chutich", "Chairman-pass-1", queued: 1);
        var staffCookie = (await desk.CookiesAsync()).Single(c => c.Name == "daovien.staff");
        Assert.True(staffCookie.Secure, "the staff cookie must be Secure behind the TLS proxy");

        await chairman.GetByTestId("admit-next").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("session")).ToBeVisibleAsync();
        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
    }

    [Fact]
    public async Task BehindProxy_RateLimitCountsTheClientsAddress_NotTheProxys()
    {
        await using var phone = await browser.NewContextAsync(PublicBase, phone: true, browser: _browser);
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync("/Calendar");
        var statuses = new List<int>();
        for (var i = 0; i <= LookupsPerMinute; i++)
        {
            statuses.Add(await citizen.EvaluateAsync<int>("async () => (await fetch('/api/bookings/ABCD-2345')).status"));
        }

        Assert.Equal([.. Enumerable.Repeat(404, LookupsPerMinute), 429], statuses);

        // Every proxied request reaches the app from 127.0.0.1. Had the limiter counted that address, this request
        // from 127.0.0.1 itself would be refused too.
        using var direct = new HttpClient { BaseAddress = _upstream };
        using var response = await direct.GetAsync(new Uri("/api/bookings/ABCD-2345", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PlainHttpAtTheProxy_RedirectsToHttps()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{Veth}/Calendar?month=2026-12");
        request.Headers.Host = HostName;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"https://{HostName}/Calendar?month=2026-12", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task KestrelWithCertificateFiles_PageIsSecureContextWithCamera_PlainHttpRedirected()
    {
        // The other way to HTTPS: no proxy, the app itself terminates TLS with Kestrel's standard certificate settings.
        var folder = Path.Combine(server.RootDirectory, "kestrel-" + Guid.NewGuid().ToString("N")[..8]);
        var certificate = _certificate;
        var (loopback, tls, plain) = (AppProcess.FreePort(), AppProcess.FreePort(), AppProcess.FreePort());
        var environment = janus.Settings.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value ?? "");
        environment["Kestrel__Certificates__Default__Path"] = certificate.CertificatePath;
        environment["Kestrel__Certificates__Default__KeyPath"] = certificate.KeyPath;
        // Not a TURN test (TurnRelayTests are): an embedded coturn beside the shared test Janus would need its peers.
        environment["Media__Turn__Enabled"] = "false";
        var publicUrl = $"https://{HostName}:{tls}";
        await using var app = AppProcess.Start(Path.Combine(folder, "data"), loopback, environment,
            "--urls", $"https://{Veth}:{tls};http://{Veth}:{plain};http://127.0.0.1:{loopback}", "--public-url", publicUrl);
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(180));

        await using var context = await browser.NewContextAsync(new Uri(publicUrl + "/"), phone: true, browser: _browser);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/Calendar");
        Assert.NotNull(response);
        Assert.Contains("max-age=", response.Headers["strict-transport-security"], StringComparison.Ordinal);
        Assert.Equal(2, await page.EvaluateAsync<int>(
            "async () => window.isSecureContext ? (await navigator.mediaDevices.getUserMedia({ audio: true, video: true })).getTracks().length : -1"));

        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        using var redirect = await client.GetAsync(new Uri($"http://{Veth}:{plain}/Calendar?month=2026-12"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal($"https://{Veth}:{tls}/Calendar?month=2026-12", redirect.Headers.Location?.ToString());
        await app.StopAsync(TimeSpan.FromSeconds(60));
    }

    private async Task<string> JoinLinkFromEmailAsync(string code)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var bookingId = await db.Bookings.Where(b => b.Code == code).Select(b => b.Id).SingleAsync(TestContext.Current.CancellationToken);
        var body = scope.ServiceProvider.GetRequiredService<OutboxBodies>().Open(await db.Outbox.Where(m => m.BookingId == bookingId && m.Kind == NotificationKind.BookingReceived)
            .Select(m => m.Body).SingleAsync(TestContext.Current.CancellationToken));
        return JoinLink().Match(body) is { Success: true } m ? m.Value : throw new InvalidOperationException("no join link in: " + body);
    }

    private async Task ConfirmAsync(string code)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<SchedulingDbContext>().Bookings
            .Where(b => b.Code == code).Select(b => b.Id).SingleAsync(TestContext.Current.CancellationToken);
        var confirmed = await scope.ServiceProvider.GetRequiredService<BookingService>().ConfirmAsync(id, "vanphong", TestContext.Current.CancellationToken);
        Assert.Null(confirmed.Error);
    }

    [GeneratedRegex(@"https?://\S+/Reception/Join\?t=[A-Za-z0-9_\-]+")]
    private static partial Regex JoinLink();
}
