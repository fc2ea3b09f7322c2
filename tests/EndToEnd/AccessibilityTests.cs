using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.Reports;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Dialogue;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>axe-core on every page, public and staff, on a 390-px phone and a desktop: no serious or critical violation.</summary>
public sealed class AccessibilityTests(PostgresServer server, BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] StaffPages =
    [
        "/", "/Account/Password", "/Account/TwoFactor",
        "/Cases", "/Cases/Create", "/Cases/Dashboard", "/Cases/Receptions", "/Cases/ReceptionCreate", "/Cases/Report", "/Cases/AccessLog", "/Cases/LongRunning",
        "/Console", "/Office/Bookings", "/Office/Days", "/Office/Days/Presiding", "/Office/Holidays", "/Office/Meetings", "/Office/Outbox", "/Office/Rules",
        "/Recordings", "/Recordings/AccessLog", "/Recordings/Integrity", "/Calendar",
    ];

    private static readonly string[] AdminPages = ["/Admin/Staff", "/Admin/Staff/Create"];

    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;
    private Guid _dayId;
    private BookedCitizen _citizen = null!;
    private Guid _longRunningCaseId;
    private Guid _chairmanId;
    private Guid _decidedCaseId;
    private string _qualityReport = "";
    private string _dialogueJoinPath = null!;

    public async ValueTask InitializeAsync()
    {
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "a11y-" + Guid.NewGuid().ToString("N")[..8]));
        _base = _app.StartOnSocket();
        var chairman = await _app.CreateStaffAsync("tatca", "Tat-ca-vai-tro-2026", "Nguyễn Văn Chủ Tịch", TestRoles.Chairman, TestRoles.Staff, TestRoles.Inspector);
        await _app.CreateStaffAsync("quantri", "Quan-tri-2026", "Quản trị viên", TestRoles.Admin);
        var bookings = new ReceptionBookings(_app.Services);
        _dayId = await bookings.OpenDayAsync(chairman, daysFromToday: 7);
        _citizen = await bookings.BookAsync(_dayId, 0);
        _longRunningCaseId = await RegisterLongRunningCaseAsync(chairman);
        _chairmanId = chairman;
        await _app.SetStaffUnitAsync(chairman, "Văn phòng HĐND-UBND");
        (_decidedCaseId, _qualityReport) = await DecideComplaintAsync(chairman);
        _dialogueJoinPath = await OpenDialogueAsync(await _app.CreateStaffAsync("chutich.dt", "Doi-thoai-2026", "Trần Văn Chủ Trì", TestRoles.ViceChairman));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EveryPage_PublicAndStaff_NoSeriousViolation(bool phone)
    {
        var found = new List<string>();
        var pictured = new HashSet<string>(StringComparer.Ordinal);
        await using (var context = await browser.NewContextAsync(_base, phone))
        {
            await Accessibility.EnableAsync(context);
            var page = await context.NewPageAsync();
            // The citizen's own pages: the booking found by its code, the join link before the lobby opens.
            foreach (var path in new[] { "/", "/Calendar", $"/Booking?day={_dayId}", "/Booking/Status", $"/Booking/Status?code={_citizen.Code}", "/Results", "/Reception/Join", _citizen.JoinPath, _dialogueJoinPath, "/Account/Login" })
            {
                await CheckAsync(page, path, found, pictured);
            }

            await page.SignInAsync("tatca", "Tat-ca-vai-tro-2026");
            foreach (var path in StaffPages)
            {
                await CheckAsync(page, path, found, pictured);
            }

            // The register's pages with a hotspot, an overdue-free plan step and a review, as staff use them; a complaint
            // the ward decided, with the second-instance form open; the quarter its deadlines fell in, with the ratings.
            foreach (var path in new[] { "/Cases/LongRunning", $"/Cases/LongRunningPlan?id={_longRunningCaseId}", $"/Cases/Dialogue?id={_longRunningCaseId}", $"/Cases/Details?id={_decidedCaseId}", _qualityReport })
            {
                await CheckAsync(page, path, found, pictured);
                Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways");
            }

            await page.GotoAsync($"/Cases/Details?id={_decidedCaseId}");
            Assert.True(await page.GetByTestId("second-instance-form").IsVisibleAsync());
            await page.GotoAsync(_qualityReport);
            Assert.True(await page.GetByTestId("quality-units").IsVisibleAsync());
            Assert.True(await page.GetByTestId("quality-officials").IsVisibleAsync());
        }

        await using (var context = await browser.NewContextAsync(_base, phone))
        {
            await Accessibility.EnableAsync(context);
            var page = await context.NewPageAsync();
            await page.SignInAsync("quantri", "Quan-tri-2026");
            foreach (var path in AdminPages.Append($"/Admin/Staff/Edit?id={_chairmanId}"))
            {
                await CheckAsync(page, path, found, pictured);
            }
        }

        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Fact]
    public async Task Checker_PageWithKnownFaults_ReportsThem()
    {
        // The check above can fail: a button without a name and an image without text are reported.
        await using var context = await browser.NewContextAsync(_base);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { const b = document.createElement('button'); document.querySelector('main').append(b); const i = document.createElement('img'); i.src = '/favicon.ico'; document.querySelector('main').append(i); }");
        var found = await Accessibility.SeriousViolationsAsync(page);
        Assert.Contains(found, v => v.Contains("button-name", StringComparison.Ordinal));
        Assert.Contains(found, v => v.Contains("image-alt", StringComparison.Ordinal));
    }

    private async Task<Guid> RegisterLongRunningCaseAsync(Guid owner)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var today = scope.ServiceProvider.GetRequiredService<WardClock>().Today;
        var (created, file) = await scope.ServiceProvider.GetRequiredService<CaseRegistry>().CreateAsync(
            new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Khiếu nại về bồi thường giải phóng mặt bằng", today, [new ReceptionParticipant("Nguyễn Văn Khiếu", null, null, null, true)], true, null),
            CaseActor.System, TestContext.Current.CancellationToken);
        Assert.True(created.Succeeded, created.Error);
        var register = scope.ServiceProvider.GetRequiredService<LongRunningService>();
        foreach (var result in new[]
        {
            await register.SaveEntryAsync(file!.Id, new RegisterInput("Khiếu nại đông người, kéo dài từ năm 2024", true, "Nhiều hộ dân tập trung tại trụ sở", today.AddDays(30)), CaseActor.System, TestContext.Current.CancellationToken),
            await register.AddStepAsync(file.Id, new PlanStepInput("Tổ chức đối thoại với các hộ dân", owner, today.AddDays(14)), CaseActor.System, TestContext.Current.CancellationToken),
            await register.AddReviewAsync(file.Id, new ReviewInput(today, "Đã làm rõ nội dung, chờ đo đạc", today.AddDays(30)), CaseActor.System, TestContext.Current.CancellationToken),
        })
        {
            Assert.True(result.Succeeded, result.Error);
        }

        return file.Id;
    }

    /// <summary>
    /// A complaint received 30 days ago, accepted and decided today by the ward; the report of the quarter its
    /// acceptance deadline fell in (so the ratings have a row whatever today's date).
    /// </summary>
    private async Task<(Guid CaseId, string ReportPath)> DecideComplaintAsync(Guid assignee)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = _app.Services.CreateAsyncScope();
        var today = scope.ServiceProvider.GetRequiredService<WardClock>().Today;
        var registry = scope.ServiceProvider.GetRequiredService<CaseRegistry>();
        var (created, file) = await registry.CreateAsync(
            new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Khiếu nại quyết định xử phạt vi phạm hành chính", today.AddDays(-30), [new ReceptionParticipant("Trần Văn Khiếu Nại", null, null, null, false)], false, assignee),
            CaseActor.System, ct);
        Assert.True(created.Succeeded, created.Error);
        foreach (var step in new[] { new Transition(CaseStatus.Classified), new Transition(CaseStatus.Accepted), new Transition(CaseStatus.UnderResolution), new Transition(CaseStatus.Resolved, DecisionNumber: "15/QĐ-UBND", Date: today) })
        {
            var moved = await registry.TransitionAsync(file!.Id, step, CaseActor.System, ct);
            Assert.True(moved.Succeeded, moved.Error);
        }

        var due = (await registry.LoadAsync(file!.Id, ct))!.Deadlines.Min(d => d.DueDate);
        var (year, quarter) = QuarterlyReport.Of(due);
        return (file.Id, $"/Cases/Report?year={year}&quarter={quarter}");
    }

    /// <summary>A dialogue held by another official for the register's case: its guest's join link (the page in its dialogue mode).</summary>
    private async Task<string> OpenDialogueAsync(Guid presiding)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var number = await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Cases.Where(c => c.Id == _longRunningCaseId).Select(c => c.Number).SingleAsync(TestContext.Current.CancellationToken);
        var opened = await scope.ServiceProvider.GetRequiredService<DialogueService>().OpenAsync(presiding, scope.ServiceProvider.GetRequiredService<WardClock>().Today,
            new DialogueMatter(_longRunningCaseId, number, MatterKind.Complaint, "Đối thoại với các hộ dân"), [new DialogueInvitee(InviteeKind.Organisation, "Lê Thị Mặt Trận", "Ủy ban MTTQ phường", null, null)], null, TestContext.Current.CancellationToken);
        return "/Reception/Join?t=" + Uri.EscapeDataString(opened.Links[0].Token);
    }

    private static async Task CheckAsync(IPage page, string path, List<string> found, HashSet<string> pictured)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        found.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"{path}: {v}"));
        var name = ScreenNames.FirstOrDefault(n => n.Exact ? path == n.Path : path.StartsWith(n.Path, StringComparison.Ordinal)).Name;
        if (name is not null && pictured.Add(name))
        {
            await Screenshots.SaveAsync(page, name, phone: page.ViewportSize is { Width: <= 600 });
        }
    }

    // The main screens pictured in the README (scripts/screenshots.sh), each at its first visit with data on it.
    private static readonly (string Path, bool Exact, string Name)[] ScreenNames =
    [
        ("/", true, "home"), ("/Calendar", true, "calendar"), ("/Booking?day=", false, "booking"),
        ("/Booking/Status?code=", false, "status"), ("/Reception/Join?", false, "join"), ("/Cases/Dashboard", true, "cases-dashboard"),
        ("/Cases/Details?", false, "case"), ("/Cases/Receptions", true, "reception-book"), ("/Cases/Report?", false, "report"),
        ("/Console", true, "console"), ("/Office/Bookings", true, "office-bookings"), ("/Recordings", true, "recordings"),
    ];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
