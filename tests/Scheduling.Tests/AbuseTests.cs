using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Scheduling.Tests;

/// <summary>Issue 11, item 4: anonymous bookings are limited per client, per person and in time.</summary>
public sealed class AbuseTests(PostgresServer server)
{
    [Fact]
    public async Task Abuse_OneClient_GetsTooManyRequestsPastTheBookingLimit()
    {
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?> { ["Scheduling:Bookings:CreatesPerMinute"] = "3" });
        var dayId = await PublishThursdayAsync(app);
        using var client = app.Factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var slot in new[] { "07:30", "07:50", "08:10", "08:30", "08:50" })
        {
            using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(dayId, slot: slot));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
                Assert.Contains("quá nhiều yêu cầu", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, await app.WithDbAsync(db => db.Bookings.CountAsync()));
    }

    [Fact]
    public async Task Abuse_OneIdNumber_HoldsAtMostTheActiveLimit()
    {
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?> { ["Scheduling:Bookings:MaxActivePerPerson"] = "2" });
        var dayId = await PublishThursdayAsync(app);
        using var client = app.Factory.CreateClient();

        // Sent together: the advisory locks serialise them, so the count is not raced past.
        var responses = await Task.WhenAll(new[] { "07:30", "07:50", "08:10", "08:30" }.Select(slot => SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(dayId, slot: slot))));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(2, refused.Count);
        var problem = await refused[0].Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("đã có 2 lượt đăng ký", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.Bookings.CountAsync()));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task Abuse_UnconfirmedBooking_ExpiresFreesItsSlotAndTellsTheCitizen()
    {
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?> { ["Scheduling:Bookings:UnconfirmedExpiry"] = "1.00:00:00" });
        var dayId = await PublishThursdayAsync(app);
        using var client = app.Factory.CreateClient();
        using (var first = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(dayId, email: "an@example.vn")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var taken = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(dayId, citizenId: "001090012346")))
        {
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        }

        // Saturday, a day and a bit later: the Quartz job may fire on the faked clock too; two more runs at once
        // still expire the booking once and queue one notice.
        app.Time.Advance(TimeSpan.FromHours(25));
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.WithScopeAsync(sp => sp.GetRequiredService<BookingExpiry>().ExpireUnconfirmedAsync(CancellationToken.None))));

        Assert.InRange(runs.Sum(), 0, 1);
        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.Bookings.CountAsync(b => b.Status == BookingStatus.Expired)) == 1, TimeSpan.FromSeconds(30), "booking expired", TestContext.Current.CancellationToken);
        Assert.Equal(1, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == NotificationKind.BookingExpired)));
        using var again = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(dayId, citizenId: "001090012346"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    private static async Task<Guid> PublishThursdayAsync(SchedulingTestApp app)
    {
        await app.AddWeeklyRuleAsync(DayOfWeek.Thursday);
        await app.PublishAsync(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 7));
        return await app.WithDbAsync(db => db.ReceptionDays.Select(d => d.Id).SingleAsync());
    }
}
