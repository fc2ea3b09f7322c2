using System.Globalization;
using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Notifications;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>
/// Deadline e-mails through the outbox to a real SMTP listener, on a fake clock: one digest a day per person with every
/// case of theirs, reminders to the assignee at 5 and 1 working days, the overdue alert to the chairman, nothing twice.
/// </summary>
public sealed class DeadlineMailTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_RunTwiceEachDay_MailsOneDigestPerPersonPerDayWithEveryCase()
    {
        await using var smtp = new LocalSmtpListener();
        var app = new CasesApp(server, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            // The local listener offers no STARTTLS, which production requires by default.
            ["Notifications:Smtp:UseStartTls"] = "false",
            ["Reception:PublicUrl"] = "https://tiepdan.daovien.test",
        });
        await app.InitializeAsync();
        await using var _ = app;
        var assignee = await app.Factory.CreateStaffAsync("canbo.thu", "Test-pass-2026", "Trần Thị Thư", TestRoles.Staff);
        await app.Factory.CreateStaffAsync("chutich.thu", "Test-pass-2026", "Lê Văn Chủ", TestRoles.Chairman);
        // Two complaints received Monday 5/1/2026: acceptance due 10 working days later, Monday 19/1.
        var first = await app.CreateAsync(CaseKind.Complaint, assignee, receivedOn: new DateOnly(2026, 1, 5));
        var second = await app.CreateAsync(CaseKind.Complaint, assignee, receivedOn: new DateOnly(2026, 1, 5));
        Assert.Equal(new DateOnly(2026, 1, 19), (await app.LoadAsync(first.Id)).Deadlines.Single(d => d.Kind == DeadlineKind.Acceptance).DueDate);

        // 6 working days before: no mail.
        app.SetToday(new DateOnly(2026, 1, 9));
        await SweepTwiceAndDeliverAsync(app);
        Assert.Empty(smtp.Received);

        // 5 working days before: one digest to the assignee naming both cases, however often the sweep runs.
        app.SetToday(new DateOnly(2026, 1, 12));
        await SweepTwiceAndDeliverAsync(app);
        var fiveDays = Assert.Single(await ReceivedAsync(smtp, 1));
        Assert.Equal("canbo.thu@daovien.test", fiveDays.To.Mailboxes.Single().Address);
        Assert.Equal("[Tiếp công dân] 12/01/2026: 2 hồ sơ sắp đến hạn", fiveDays.Subject);
        Assert.Contains("Kính gửi Trần Thị Thư", fiveDays.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ {first.Number}: còn 5 ngày làm việc đến hạn thụ lý / xử lý ban đầu (19/01/2026)", fiveDays.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ {second.Number}: còn 5 ngày làm việc", fiveDays.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://tiepdan.daovien.test/Cases/Details?id={first.Id:D}", fiveDays.TextBody, StringComparison.Ordinal);

        // A crash after the digest went into the outbox but before it was marked: the next sweep queues nothing new.
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Digests.ExecuteUpdateAsync(s => s.SetProperty(d => d.QueuedAt, (DateTimeOffset?)null), Ct);
        }

        await SweepTwiceAndDeliverAsync(app);
        Assert.Single(await ReceivedAsync(smtp, 1));

        // 1 working day before (Friday 16/1): the second reminder, in the day's one digest.
        app.SetToday(new DateOnly(2026, 1, 16));
        await SweepTwiceAndDeliverAsync(app);
        var oneDay = (await ReceivedAsync(smtp, 2))[1];
        Assert.Contains($"Hồ sơ {first.Number}: còn 1 ngày làm việc", oneDay.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ {second.Number}: còn 1 ngày làm việc", oneDay.TextBody, StringComparison.Ordinal);

        // On the deadline nothing; the day after, the chairman gets the overdue alerts for both, and the assignee nothing.
        app.SetToday(new DateOnly(2026, 1, 19));
        await SweepTwiceAndDeliverAsync(app);
        app.SetToday(new DateOnly(2026, 1, 20));
        await SweepTwiceAndDeliverAsync(app);
        var all = await ReceivedAsync(smtp, 3);
        var overdue = all[2];
        Assert.Equal("chutich.thu@daovien.test", overdue.To.Mailboxes.Single().Address);
        Assert.Equal("[Tiếp công dân] 20/01/2026: 2 hồ sơ quá hạn, 0 nhắc hạn", overdue.Subject);
        Assert.Contains($"Hồ sơ {first.Number} quá hạn thụ lý / xử lý ban đầu (hạn 19/01/2026)", overdue.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Hồ sơ {second.Number} quá hạn", overdue.TextBody, StringComparison.Ordinal);

        // Still exactly three: the listener saw every message once (distinct ids), and the dashboard keeps the six rows.
        Assert.Equal(3, smtp.Received.Count);
        Assert.Equal(3, smtp.Received.Select(m => m.MessageId).Distinct().Count());
        var rows = await app.WithAsync(sp => sp.GetRequiredService<CasesDbContext>().Notifications.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.DigestId));
    }

    internal static async Task SweepTwiceAndDeliverAsync(CasesApp app)
    {
        for (var i = 0; i < 2; i++)
        {
            await using var scope = app.Scope();
            // The Quartz job class itself, as the scheduler runs it.
            await ActivatorUtilities.CreateInstance<DeadlineSweepJob>(scope.ServiceProvider).Execute(null!, Ct);
        }

        for (var i = 0; i < 2; i++)
        {
            await app.WithAsync(sp => sp.GetRequiredService<OutboxSender>().DeliverPendingAsync(100, Ct));
        }

        // The app's own dispatch job may hold a message it claimed: wait until the outbox is drained.
        await Eventually.TrueAsync(
            async () => await app.WithAsync(sp => sp.GetRequiredService<SchedulingDbContext>().Outbox.CountAsync(m => m.SentAt == null, Ct)) == 0,
            TimeSpan.FromSeconds(60), "outbox drained", Ct);
    }

    internal static async Task<List<MimeMessage>> ReceivedAsync(LocalSmtpListener smtp, int count)
    {
        await Eventually.TrueAsync(() => Task.FromResult(smtp.Received.Count >= count), TimeSpan.FromSeconds(30), $"{count} messages at the SMTP listener", Ct);
        Assert.Equal(count, smtp.Received.Count);
        return [.. smtp.Received];
    }
}
