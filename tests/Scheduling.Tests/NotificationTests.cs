using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Scheduling.Tests;

public sealed class NotificationTests(PostgresServer server)
{
    [Fact]
    public async Task Outbox_NoSmtpHost_MessagesStayPending()
    {
        await using var app = await SchedulingTestApp.StartAsync(server);
        var dayId = await PublishThursdayAsync(app);
        using var citizen = app.Factory.CreateClient();
        using var booked = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(dayId, email: "an@example.vn"));

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().DeliverPendingAsync(10, CancellationToken.None));

        Assert.False(result.SmtpConfigured);
        var message = await app.WithDbAsync(db => db.Outbox.SingleAsync());
        Assert.Null(message.SentAt);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public async Task Outbox_DefaultSmtpSettings_RequireStartTls()
    {
        // The local listener offers no STARTTLS: with the defaults nothing may go out in clear text.
        await using var smtp = new LocalSmtpListener();
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        });
        var dayId = await PublishThursdayAsync(app);
        using var citizen = app.Factory.CreateClient();
        await BookAsync(citizen, dayId, "07:30", "a@example.vn");

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().DeliverPendingAsync(10, CancellationToken.None));

        Assert.Equal(0, result.Sent);
        Assert.Empty(smtp.Received);
        var message = await app.WithDbAsync(db => db.Outbox.SingleAsync());
        Assert.Null(message.SentAt);
        Assert.Contains("STARTTLS", message.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Outbox_RealSmtpListener_DeliversEveryKindOnce()
    {
        await using var smtp = new LocalSmtpListener();
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:UseStartTls"] = "false",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        });
        var dayId = await PublishThursdayAsync(app);
        using var citizen = app.Factory.CreateClient();
        // The citizen reads the site in English: what they are answered is English, the ward's mails stay Vietnamese.
        citizen.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        using var mistaken = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(dayId, citizenId: "12"));
        Assert.Contains("exactly 12 digits", await mistaken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var staff = await app.SignedInClientAsync();
        var a = await BookAsync(citizen, dayId, "07:30", "a@example.vn");
        var b = await BookAsync(citizen, dayId, "07:50", "b@example.vn");
        using var confirm = await staff.PostAsync(new Uri($"/api/bookings/{a}/confirm", UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var reject = await staff.PostAsJsonAsync(new Uri($"/api/bookings/{b}/reject", UriKind.Relative), new { reason = "Đã được giải quyết" }, TestContext.Current.CancellationToken);
        // The day before (Wednesday 08:00): Quartz's reminder job fires on the faked clock too; running the same
        // work twice more, concurrently with it, still queues one reminder for the one active booking.
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.WithScopeAsync(sp => sp.GetRequiredService<BookingReminders>().QueueForTomorrowAsync(CancellationToken.None))));
        Assert.InRange(runs.Sum(), 0, 1);
        Assert.Equal(1, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == NotificationKind.Reminder)));
        // The staff cookie of last week has expired: sign in again.
        using var staffToday = await app.SignedInClientAsync();
        using var move = await staffToday.PostAsJsonAsync(new Uri($"/api/reception-days/{dayId}/move", UriKind.Relative), new { date = "2026-12-04", reason = "Trùng hội nghị tỉnh" }, TestContext.Current.CancellationToken);
        using var cancel = await staffToday.PostAsJsonAsync(new Uri($"/api/reception-days/{dayId}/cancel", UriKind.Relative), new { reason = "Mưa bão" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().DeliverPendingAsync(100, CancellationToken.None));
        var again = await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().DeliverPendingAsync(100, CancellationToken.None));

        // The dispatch job (every 30 s, and at once when the clock jumps) may have sent some already or still be
        // sending the ones it claimed: wait until the outbox is drained, then each message arrived exactly once.
        Assert.Equal(0, result.Failed);
        Assert.Equal(0, again.Sent);
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null)) == 0, TimeSpan.FromSeconds(60), "outbox drained", TestContext.Current.CancellationToken);

        Assert.True(smtp.Received.Count == 7, string.Join(" / ", smtp.Received.Select(m => m.To + ": " + m.Subject + " " + m.MessageId)));
        Assert.Equal(7, smtp.Received.Select(m => m.MessageId).Distinct().Count());
        var toA = smtp.Received.Where(m => m.To.Mailboxes.Single().Address == "a@example.vn").Select(m => m.Subject ?? "").ToList();
        Assert.Equal(5, toA.Count);
        Assert.Contains(toA, s => s.StartsWith("Đã nhận đăng ký", StringComparison.Ordinal));
        Assert.Contains(toA, s => s.Contains("đã được xác nhận", StringComparison.Ordinal));
        Assert.Contains(toA, s => s.StartsWith("Nhắc lịch", StringComparison.Ordinal));
        Assert.Contains(toA, s => s.Contains("đã thay đổi", StringComparison.Ordinal));
        Assert.Contains(toA, s => s.Contains("đã bị hủy", StringComparison.Ordinal));
        var rejected = smtp.Received.Single(m => (m.Subject ?? "").Contains("không được chấp nhận", StringComparison.Ordinal));
        Assert.Contains("Đã được giải quyết", rejected.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.SentAt == null)));

        // The citizen got a working join link; the office's copy of that e-mail holds none.
        var received = smtp.Received.Single(m => (m.Subject ?? "").StartsWith("Đã nhận đăng ký", StringComparison.Ordinal) && m.To.Mailboxes.Single().Address == "a@example.vn");
        var token = System.Text.RegularExpressions.Regex.Match(received.TextBody ?? "", "/Reception/Join\\?t=([A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.Equal(43, token.Length);
        var stored = await app.WithDbAsync(db => db.Outbox.Select(m => m.Body).ToListAsync());
        var bodies = await app.WithScopeAsync(sp => Task.FromResult(stored.Select(sp.GetRequiredService<OutboxBodies>().Open).ToList()));
        Assert.DoesNotContain(bodies, body => body.Contains(token, StringComparison.Ordinal));
        Assert.Contains(bodies, body => body.Contains("/Reception/Join?t=[mã riêng đã gửi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outbox_SmtpUnreachable_KeepsMessagesPendingWithError()
    {
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:UseStartTls"] = "false",
            ["Notifications:Smtp:Port"] = closedPort.ToString(CultureInfo.InvariantCulture),
        });
        var dayId = await PublishThursdayAsync(app);
        using var citizen = app.Factory.CreateClient();
        await BookAsync(citizen, dayId, "07:30", "a@example.vn");

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().DeliverPendingAsync(10, CancellationToken.None));

        Assert.Equal(1, result.Failed);
        var message = await app.WithDbAsync(db => db.Outbox.SingleAsync());
        Assert.Null(message.SentAt);
        Assert.Equal(1, message.Attempts);
        Assert.False(string.IsNullOrEmpty(message.LastError));
    }

    [Fact]
    public async Task Outbox_BodySealedWithLostKeys_GivenUpOnceWithClearError_OthersStillSent()
    {
        await using var smtp = new LocalSmtpListener();
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:UseStartTls"] = "false",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        });
        // A row sealed by a key ring this app does not have (what a restore without the keys leaves), queued before
        // one the app can open.
        var lostRing = DataProtectionProvider.Create("another-install")
            .CreateProtector("DaoVien.OnlineReception.Outbox.Body.v1");
        var now = app.Time.GetUtcNow();
        var lost = new OutboxMessage { Id = Guid.NewGuid(), Recipient = "lost@example.vn", Subject = "Mất khoá", Body = "dp1:" + lostRing.Protect("nội dung"), CreatedAt = now.AddMinutes(-1) };
        var good = await app.WithScopeAsync(sp => Task.FromResult(new OutboxMessage
        {
            Id = Guid.NewGuid(), Recipient = "ok@example.vn", Subject = "Còn khoá", Body = sp.GetRequiredService<OutboxBodies>().Seal("nội dung đọc được"), CreatedAt = now,
        }));
        await app.WithDbAsync(async db => { db.Outbox.AddRange(lost, good); await db.SaveChangesAsync(); });

        // This run or the dispatch job (which may run at the same moment) delivers; twice more changes nothing.
        for (var run = 0; run < 3; run++)
        {
            await app.WithScopeAsync(sp => sp.GetRequiredService<OutboxSender>().DeliverPendingAsync(10, CancellationToken.None));
        }

        await Eventually.TrueAsync(() => smtp.Received.Count >= 1, TimeSpan.FromSeconds(30), "the readable message sent", TestContext.Current.CancellationToken);
        var rows = await app.WithDbAsync(db => db.Outbox.AsNoTracking().ToDictionaryAsync(m => m.Id));
        Assert.NotNull(rows[good.Id].SentAt);
        Assert.Null(rows[lost.Id].SentAt);
        Assert.Equal(10, rows[lost.Id].Attempts);
        Assert.StartsWith("Không giải mã được nội dung", rows[lost.Id].LastError, StringComparison.Ordinal);
        var received = Assert.Single(smtp.Received);
        Assert.Equal("ok@example.vn", received.To.Mailboxes.Single().Address);
        Assert.Equal("nội dung đọc được", received.TextBody?.Trim());
    }

    private static async Task<Guid> PublishThursdayAsync(SchedulingTestApp app)
    {
        await app.AddWeeklyRuleAsync(DayOfWeek.Thursday);
        await app.PublishAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 7));
        return await app.WithDbAsync(db => db.ReceptionDays.Select(d => d.Id).SingleAsync());
    }

    private static async Task<Guid> BookAsync(HttpClient client, Guid dayId, string slot, string email)
    {
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(dayId, slot: slot, email: email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
    }
}
