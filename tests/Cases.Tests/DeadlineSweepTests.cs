using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Notifications;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.Reports;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The daily sweep with a fake clock: reminders at 5 and 1 working days, overdue the day after, each once.</summary>
public sealed class DeadlineSweepTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_AcrossTheDeadline_RemindsAssigneeTwiceAndAlertsChairmanOnce_IdempotentWhenRunTwice()
    {
        var assignee = await app.Factory.CreateStaffAsync("canbo.sweep", "Test-pass-2026", "Cán bộ Nhắc", TestRoles.Staff);
        var chairman = await app.Factory.CreateStaffAsync("chutich.sweep", "Test-pass-2026", "Chủ tịch", TestRoles.Chairman);
        // Received Monday 5/1/2026 by post: complaint acceptance due 10 working days later, Monday 19/1.
        var file = await app.CreateAsync(CaseKind.Complaint, assignee, receivedOn: new DateOnly(2026, 1, 5));
        var due = (await app.LoadAsync(file.Id)).Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance).DueDate;
        Assert.Equal(new DateOnly(2026, 1, 19), due);

        // 6 working days before: nothing yet.
        app.SetToday(new DateOnly(2026, 1, 9));
        Assert.Equal(0, await RunJobAsync());

        // 5 working days before (12/1 → 13,14,15,16,19): first reminder; a second run sends nothing.
        app.SetToday(new DateOnly(2026, 1, 12));
        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());

        // 1 working day before (Friday 16/1): second reminder, once.
        app.SetToday(new DateOnly(2026, 1, 16));
        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());

        // On the deadline itself the case is not overdue.
        app.SetToday(due);
        Assert.Equal(0, await RunJobAsync());

        // The day after: an overdue alert to the chairman, once.
        app.SetToday(due.AddDays(1));
        Assert.Equal(1, await RunJobAsync());
        Assert.Equal(0, await RunJobAsync());

        var sent = await NotificationsAsync(file.Id);
        Assert.Equal(2, sent.Count(n => n.Kind == NotificationKind.Reminder && n.RecipientId == assignee));
        var overdue = Assert.Single(sent, n => n.Kind == NotificationKind.Overdue);
        Assert.Equal(chairman, overdue.RecipientId);
        Assert.Contains(file.Number, overdue.Message, StringComparison.Ordinal);
    }

    private async Task<int> RunJobAsync()
    {
        await using var scope = app.Scope();
        var before = await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Notifications.CountAsync(Ct);
        // The Quartz job class itself, as the scheduler would run it (the hosted scheduler is the scheduling module's).
        var job = ActivatorUtilities.CreateInstance<DeadlineSweepJob>(scope.ServiceProvider);
        await job.Execute(null!, Ct);
        return await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Notifications.CountAsync(Ct) - before;
    }

    private async Task<List<CaseNotification>> NotificationsAsync(Guid caseId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Notifications.Where(n => n.CaseId == caseId).ToListAsync(Ct);
    }

    private async Task<WorkingCalendar> CalendarAsync(DateOnly from)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IWorkingDayCalendar>().LoadAsync(from, from.AddDays(60), Ct);
    }
}

/// <summary>A holiday edited after a case was created moves its deadline at the next sweep (own database: holidays are ward-wide).</summary>
public sealed class DeadlineRecomputeTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_HolidayAddedAfterCreation_RecomputesTheDeadlineAndSaysSoInHistory()
    {
                var received = app.Today;
        var file = await app.CreateAsync(CaseKind.Denunciation, receivedOn: received);
        var before = (await app.LoadAsync(file.Id)).Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance).DueDate;
        var calendarBefore = await CalendarAsync(received);

        // Staff add a compensatory day off inside the counting window.
        var dayOff = calendarBefore.AddWorkingDays(received, 2);
        await using (var scope = app.Scope())
        {
            var scheduling = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
            scheduling.Holidays.Add(new Holiday { Id = Guid.NewGuid(), Date = dayOff, Name = "Nghỉ bù (thử)", Kind = HolidayKind.Compensatory, IsConfirmed = true, UpdatedAt = app.Clock.GetUtcNow() });
            await scheduling.SaveChangesAsync(Ct);
        }

        await using (var scope = app.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(Ct);
            Assert.True(result.Recomputed >= 1);
        }

        var after = await app.LoadAsync(file.Id);
        var deadline = after.Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance);
        Assert.Equal((await CalendarAsync(received)).AddWorkingDays(received, 7), deadline.DueDate);
        Assert.True(deadline.DueDate > before);
        Assert.Contains(after.History, h => h.Action == "Recomputed");
    }

    private async Task<WorkingCalendar> CalendarAsync(DateOnly from)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IWorkingDayCalendar>().LoadAsync(from, from.AddDays(60), Ct);
    }
}

/// <summary>The quarter-end job stores one report per quarter however often it fires.</summary>
public sealed class QuarterlyReportJobTests(CasesApp app) : IClassFixture<CasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QuarterlyReportJob_RunTwiceAfterQuarterEnd_StoresOneReport()
    {
        app.SetToday(new DateOnly(2026, 4, 1));
        var (year, quarter) = QuarterlyReport.Of(app.Today.AddMonths(-1));
        for (var i = 0; i < 2; i++)
        {
            await using var scope = app.Scope();
            var job = ActivatorUtilities.CreateInstance<QuarterlyReportJob>(scope.ServiceProvider);
            await job.Execute(null!, Ct);
        }

        await using var check = app.Scope();
        var db = check.ServiceProvider.GetRequiredService<CasesDbContext>();
        var stored = await db.QuarterlyReports.Where(r => r.IsScheduled && r.Year == year && r.Quarter == quarter).ToListAsync(Ct);
        Assert.Single(stored);
        Assert.Contains("\"CasesReceived\"", stored[0].Json, StringComparison.Ordinal);
    }
}
