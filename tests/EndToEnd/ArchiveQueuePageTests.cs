using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// The archive queue on the recordings page follows a job as it is built, without a reload (issue 13, item 6). The test
/// is the worker: it claims the job and reports its stages through <see cref="ArchiveQueue"/>, as ArchiveWorker does,
/// so each step is certain (how an archive is encoded is RecordedSessionTests' business); the app's own workers are off.
/// </summary>
public sealed class ArchiveQueuePageTests(PostgresServer postgres, BrowserFixture browsers) : IAsyncLifetime
{
    private const string Password = "Chu-tich-2026";
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var folder = Path.Combine(postgres.RootDirectory, "archive-queue-" + Guid.NewGuid().ToString("N")[..8]);
        _app = ReceptionAppFactory.Create(await postgres.CreateDatabaseAsync("queue"), Path.Combine(folder, "data"), new Dictionary<string, string?>
        {
            ["Media:Recording:Folder"] = Path.Combine(folder, "recordings"),
        }).WithServices(s =>
        {
            foreach (var worker in s.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ArchiveWorker)).ToList())
            {
                s.Remove(worker);
            }
        });
        _base = _app.StartOnSocket();
        await _app.CreateStaffAsync("chutich", Password, "Nguyễn Văn Chủ Tịch", TestRoles.Chairman);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task StatusHandler_SignedOut_SentToSignInWithoutTheQueue()
    {
        var jobId = await _app.WithScopeAsync(sp => sp.GetRequiredService<ArchiveQueue>().EnqueueAsync(
            new ArchiveRequest(Guid.NewGuid(), null, null, sp.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(-30), sp.GetRequiredService<TimeProvider>().GetUtcNow(),
                SessionEndKind.Ended, []), Ct));
        await using var context = await browsers.NewContextAsync(_base);

        var response = await context.APIRequest.GetAsync($"/Recordings?handler=Status&ids={jobId}", new() { MaxRedirects = 0 });

        Assert.Equal(302, response.Status);
        Assert.DoesNotContain(jobId.ToString(), await response.TextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task ArchiveQueue_JobBuiltWhileThePageIsOpen_StateAndProgressUpdateWithoutReload(bool phone, bool succeeds)
    {
        var jobId = await _app.WithScopeAsync(sp => sp.GetRequiredService<ArchiveQueue>().EnqueueAsync(
            new ArchiveRequest(Guid.NewGuid(), null, null, sp.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(-30), sp.GetRequiredService<TimeProvider>().GetUtcNow(),
                SessionEndKind.Ended, [new ArchiveParticipant(Guid.NewGuid(), "Chủ trì")]), Ct));

        await using var context = await browsers.NewContextAsync(_base, phone);
        await Accessibility.EnableAsync(context);
        var page = await context.NewPageAsync();
        await page.SignInAsync("chutich", Password);
        await page.GotoAsync("/Recordings");
        var row = page.Locator($"tr[data-job='{jobId}']");
        var status = page.GetByTestId("archive-jobs-status");
        await Assertions.Expect(row.GetByTestId("job-state")).ToHaveTextAsync("Đang chờ");
        await Assertions.Expect(status).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(status).ToContainTextAsync("Đang lưu trữ 1 buổi tiếp");
        // A reload would lose this mark: the page must change in place.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        var worker = Guid.NewGuid();
        Assert.NotNull(await _app.WithScopeAsync(sp => sp.GetRequiredService<ArchiveQueue>().ClaimAsync(worker, Ct)));
        Assert.True(await _app.WithScopeAsync(sp => sp.GetRequiredService<ArchiveQueue>().ReportAsync(jobId, worker, "composite", 0.45, Ct)));
        await Assertions.Expect(row.GetByTestId("job-state")).ToHaveTextAsync("Đang xử lý (đang dựng bản tổng hợp)");
        await Assertions.Expect(row.GetByTestId("job-percent")).ToHaveTextAsync("45%");
        Assert.Equal(45, await row.Locator("progress").EvaluateAsync<int>("p => p.value"));
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        if (succeeds)
        {
            await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ArchiveJobState.Succeeded).SetProperty(j => j.Progress, 1).SetProperty(j => j.Stage, "done").SetProperty(j => j.ArchiveId, Guid.NewGuid()), Ct));
            await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Succeeded");
            await Assertions.Expect(row.GetByTestId("job-state")).ToHaveTextAsync("Hoàn tất (đã xong)");
            await Assertions.Expect(row.GetByTestId("job-percent")).ToHaveTextAsync("100%");
            await Assertions.Expect(row.GetByTestId("job-open")).ToBeVisibleAsync();
            await Assertions.Expect(status).ToContainTextAsync("đã lưu trữ xong");
        }
        else
        {
            await _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, ArchiveJobState.Failed).SetProperty(j => j.Stage, "failed").SetProperty(j => j.LastError, "InvalidDataException: không đọc được tệp ghi"), Ct));
            await Assertions.Expect(row.GetByTestId("job-state")).ToHaveTextAsync("Thất bại (đã dừng)");
            await Assertions.Expect(row.GetByTestId("job-error")).ToContainTextAsync("không đọc được tệp ghi");
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Thử lại" })).ToBeVisibleAsync();
            await Assertions.Expect(status).ToContainTextAsync("1 buổi tiếp lưu trữ không thành công");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await Accessibility.ExpectNoSeriousViolationsAsync(page);

        // Every job shown has finished: the page stops asking.
        var asked = 0;
        page.Request += (_, request) => asked += request.Url.Contains("handler=Status", StringComparison.Ordinal) ? 1 : 0;
        await page.WaitForTimeoutAsync(6000);
        Assert.Equal(0, asked);
    }
}
