using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Testing;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Issue 13, item 2: a clean end on both sides — nothing of the call is left on either page, the console is ready for
/// the next citizen — and the citizen's receipt with the outcome, the case opened, its deadlines and how to follow it;
/// a citizen who closes the page is shown as gone.
/// </summary>
public sealed class CleanEndTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    // The case is opened after both sides are told the session ended; the receipt learns its number afterwards.
    private static readonly LocatorAssertionsToHaveTextOptions CaseOpened = new() { Timeout = 20_000 };
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(janus.Settings) { ["Media:Recording:RecordByDefault"] = "true" };
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "e2e-end-" + Guid.NewGuid().ToString("N")[..8]), settings).WithSystemClock();
        _base = _app.StartOnSocket();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EndWithCaseAccepted_BothPagesClean_CitizenReceiptShowsOutcomeCaseDeadlineAndStatusLink()
    {
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.end");
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        await parties.AdmitAsync(acknowledge: true);
        foreach (var page in new[] { citizen, chairman })
        {
            await Assertions.Expect(page.GetByTestId("recording-indicator")).ToHaveAttributeAsync("data-state", "recording");
        }

        await SessionMediaProbe.ExpectDecodingFromAsync(citizen, 1);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        await chairman.GetByTestId("end-outcome").SelectOptionAsync("1");
        await chairman.GetByTestId("end-note").FillAsync("Tiếp nhận đơn khiếu nại về ranh giới đất");
        await chairman.GetByTestId("end-submit").ClickAsync();

        // The citizen: the receipt instead of the call, in their words, with the case once it exists.
        await Assertions.Expect(citizen.GetByTestId("receipt")).ToBeVisibleAsync();
        await Assertions.Expect(citizen.GetByTestId("receipt-outcome")).ToHaveTextAsync("Đơn của ông/bà đã được tiếp nhận để giải quyết.");
        await Assertions.Expect(citizen.GetByTestId("receipt-case-number")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{5}$"), CaseOpened);
        await Assertions.Expect(citizen.GetByTestId("receipt-case-pending")).ToBeHiddenAsync();
        await Assertions.Expect(citizen.GetByTestId("receipt-deadline").First).ToContainTextAsync(new Regex(@"\d{2}/\d{2}/\d{4}"));
        await Assertions.Expect(citizen.GetByTestId("receipt-status-link")).ToHaveAttributeAsync("href", "/Booking/Status?code=" + parties.Booking.Code);
        await Assertions.Expect(citizen.GetByTestId("receipt")).Not.ToContainTextAsync("ranh giới");
        await Assertions.Expect(citizen.GetByTestId("session")).ToBeHiddenAsync();
        await Assertions.Expect(citizen.GetByTestId("reception-error")).ToBeHiddenAsync();

        // The chairman: no error (the end succeeded), no thanks meant for the citizen, the form empty for the next one.
        await Assertions.Expect(chairman.GetByTestId("session-finished")).ToHaveTextAsync(new Regex("kết quả đã được ghi"));
        await Assertions.Expect(chairman.GetByTestId("session-finished")).Not.ToContainTextAsync("cảm ơn");
        await Assertions.Expect(chairman.GetByTestId("session")).ToBeHiddenAsync();
        await Assertions.Expect(chairman.GetByTestId("presiding-controls")).ToBeHiddenAsync();
        await Assertions.Expect(chairman.GetByTestId("end-outcome")).ToHaveValueAsync("0");
        await Assertions.Expect(chairman.GetByTestId("end-note")).ToHaveValueAsync("");
        await Assertions.Expect(chairman.GetByTestId("queue-empty")).ToBeVisibleAsync();
        foreach (var page in new[] { citizen, chairman })
        {
            await Assertions.Expect(page.GetByTestId("recording-indicator")).ToBeHiddenAsync();
            await Assertions.Expect(page.GetByTestId("remote-tile")).ToHaveCountAsync(0);
        }

        // By now the chairman's call has returned (the case exists): still no error text.
        await Assertions.Expect(chairman.GetByTestId("reception-error")).ToBeHiddenAsync();
        // The receipt on the phone (390 px).
        Assert.Equal(390, citizen.ViewportSize!.Width);
        await Accessibility.ExpectNoSeriousViolationsAsync(citizen);

        // The link leads to the status page that follows the case.
        await citizen.GetByTestId("receipt-status-link").ClickAsync();
        await Assertions.Expect(citizen.GetByTestId("status-case-number")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{5}$"));
    }

    [Fact]
    public async Task CitizenClosesThePage_ConsoleShowsThemGone()
    {
        await using var parties = await WaitingCitizen.StartAsync(_app, _base, browser, "chutich.gone");
        var (citizen, chairman) = (parties.Citizen, parties.Chairman);
        await parties.AdmitAsync(acknowledge: true);
        await SessionMediaProbe.ExpectDecodingFromAsync(chairman, 1);
        var row = chairman.Locator("[data-testid=participants] li[data-role=Citizen]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-connected", "true");

        await citizen.CloseAsync();

        await Assertions.Expect(row).ToHaveAttributeAsync("data-connected", "false");
        await Assertions.Expect(row).ToContainTextAsync("đã rời");
        await Assertions.Expect(chairman.GetByTestId("remote-tile")).ToHaveCountAsync(0);
    }
}
