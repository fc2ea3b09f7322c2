using System.Net;
using System.Text.Json;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.Tests;

public sealed class DefaultRuleTests(PostgresServer server)
{
    [Fact]
    public async Task FirstStart_NoRules_CreatesThursdayChairmanRuleAndPublishesEightWeeks()
    {
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?>
        {
            ["Scheduling:DefaultRule:Enabled"] = "true",
            ["Scheduling:PublishOnStart"] = "true",
        });

        var rule = await app.WithDbAsync(db => db.ReceptionRules.SingleAsync());
        Assert.Equal((RecurrenceKind.Weekly, DayOfWeek.Thursday, new TimeOnly(7, 30), new TimeOnly(11, 30)), (rule.Recurrence, rule.DayOfWeek!.Value, rule.StartTime, rule.EndTime));
        Assert.Equal("Chairman", rule.PresidingRole);
        Assert.Null(rule.PresidingOfficialId);
        Assert.True(rule.Online);
        // Friday 27 Nov 2026 + 8 weeks = 22 Jan 2027: Thursdays 3 Dec … 21 Jan.
        var dates = await app.WithDbAsync(db => db.ReceptionDays.OrderBy(d => d.Date).Select(d => d.Date).ToListAsync());
        Assert.Equal(8, dates.Count);
        Assert.Equal(new DateOnly(2026, 12, 3), dates[0]);
        Assert.Equal(new DateOnly(2027, 1, 21), dates[^1]);
        // Holidays for this year and next were proposed (unconfirmed) at the same time.
        Assert.True(await app.WithDbAsync(db => db.Holidays.AnyAsync(h => h.Date == new DateOnly(2027, 2, 6) && !h.IsConfirmed)));
    }

    [Fact]
    public async Task Healthz_SchedulingPart_ReportsConstraintAndOutbox()
    {
        await using var app = await SchedulingTestApp.StartAsync(server);
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("scheduling").GetProperty("status").GetString());
    }
}
