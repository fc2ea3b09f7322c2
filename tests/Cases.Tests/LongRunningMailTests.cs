using System.Globalization;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>
/// Plan steps and reviews of long-running cases in the daily digest (docs/adr/0087): the step's owner is reminded,
/// an overdue step alerts the owner and the chairman, a review due reminds the assignee and the chairman; once each,
/// however often the sweep runs (real SMTP listener, fake clock).
/// </summary>
public sealed class LongRunningMailTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_StepAndReviewDue_RemindersAndAlertsInTheDigestOnce()
    {
        await using var smtp = new LocalSmtpListener();
        var app = new CasesApp(server, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Smtp:UseStartTls"] = "false",
        });
        await app.InitializeAsync();
        await using var _ = app;
        var (assignee, _) = await app.SignedInAsync("canbo.kdmail", TestRoles.Staff);
        var (owner, _) = await app.SignedInAsync("truongphong.kdmail", TestRoles.UnitHead);
        await app.SignedInAsync("chutich.kdmail", TestRoles.Chairman);
        // Registered Monday 5/1; step 1 due Friday 16/1 (owner: the head of unit); review due Tuesday 20/1.
        var file = await app.CreateAsync(CaseKind.Petition, assignee);
        await using (var scope = app.Scope())
        {
            var register = scope.ServiceProvider.GetRequiredService<LongRunningService>();
            Assert.True((await register.SaveEntryAsync(file.Id, new RegisterInput("Kiến nghị đông người về ô nhiễm", true, "Nhiều hộ dân ký đơn", new DateOnly(2026, 1, 20)), CaseActor.System, Ct)).Succeeded);
            Assert.True((await register.AddStepAsync(file.Id, new PlanStepInput("Đo đạc, kiểm tra nguồn thải", owner, new DateOnly(2026, 1, 16)), CaseActor.System, Ct)).Succeeded);
        }

        var stepLine = $"Hồ sơ {file.Number}: còn 5 ngày làm việc đến hạn bước 1 của kế hoạch giải quyết (16/01/2026): Đo đạc, kiểm tra nguồn thải";
        // 6 working days before: nothing about the plan.
        app.SetToday(new DateOnly(2026, 1, 8));
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        Assert.DoesNotContain(smtp.Received, m => (m.TextBody ?? "").Contains("kế hoạch giải quyết", StringComparison.Ordinal));

        // 5 working days before: the owner's digest; a second sweep sends nothing more.
        app.SetToday(new DateOnly(2026, 1, 9));
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        await Eventually.TrueAsync(() => Task.FromResult(smtp.Received.Any(m => m.To.Mailboxes.Single().Address == "truongphong.kdmail@daovien.test")), TimeSpan.FromSeconds(30), "the owner's digest", Ct);
        var toOwner = Assert.Single(smtp.Received, m => m.To.Mailboxes.Single().Address == "truongphong.kdmail@daovien.test");
        Assert.Contains(stepLine, toOwner.TextBody, StringComparison.Ordinal);

        // Monday 19/1 the step is overdue: owner and chairman. Tuesday 20/1 the review is due: assignee and chairman.
        app.SetToday(new DateOnly(2026, 1, 19));
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        app.SetToday(new DateOnly(2026, 1, 20));
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        var overdueLine = $"Hồ sơ {file.Number} quá hạn bước 1 của kế hoạch giải quyết (hạn 16/01/2026)";
        var reviewLine = $"Hồ sơ {file.Number} (vụ việc phức tạp, kéo dài, nguy cơ điểm nóng): đến hạn rà soát (20/01/2026)";
        await Eventually.TrueAsync(() => Task.FromResult(Count(smtp, overdueLine) == 2 && Count(smtp, reviewLine) == 2), TimeSpan.FromSeconds(30), "the overdue and review digests", Ct);
        Assert.Equal(["chutich.kdmail@daovien.test", "truongphong.kdmail@daovien.test"], To(smtp, overdueLine));
        Assert.Equal(["canbo.kdmail@daovien.test", "chutich.kdmail@daovien.test"], To(smtp, reviewLine));
        Assert.Equal(1, Count(smtp, stepLine));

        // Once per step, due date and person: five rows, each in a digest.
        var rows = await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().Notifications.AsNoTracking().Where(n => n.DedupKey.StartsWith("lr-")).ToListAsync(Ct));
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.DigestId));

        // The step done and the review held: nothing more from the plan.
        await using (var scope = app.Scope())
        {
            var register = scope.ServiceProvider.GetRequiredService<LongRunningService>();
            var step = (await register.FindAsync(file.Id, Ct))!.Steps.Single();
            Assert.True((await register.CompleteStepAsync(file.Id, step.Id, new StepDoneInput(new DateOnly(2026, 1, 20), "Đã đo đạc"), CaseActor.System, Ct)).Succeeded);
            Assert.True((await register.AddReviewAsync(file.Id, new ReviewInput(new DateOnly(2026, 1, 20), "Chờ kết quả phân tích mẫu", new DateOnly(2026, 2, 20)), CaseActor.System, Ct)).Succeeded);
        }

        app.SetToday(new DateOnly(2026, 1, 21));
        await DeadlineMailTests.SweepTwiceAndDeliverAsync(app);
        Assert.Equal(5, await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().Notifications.CountAsync(n => n.DedupKey.StartsWith("lr-"), Ct)));
    }

    private static int Count(LocalSmtpListener smtp, string line) => smtp.Received.Count(m => (m.TextBody ?? "").Contains(line, StringComparison.Ordinal));

    private static List<string> To(LocalSmtpListener smtp, string line) =>
        [.. smtp.Received.Where(m => (m.TextBody ?? "").Contains(line, StringComparison.Ordinal)).Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal)];
}
