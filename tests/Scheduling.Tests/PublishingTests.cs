using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Scheduling.Tests;

public sealed class PublishingTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateOnly YearStart = new(2027, 1, 1);
    private static readonly DateOnly YearEnd = new(2027, 12, 31);
    private SchedulingTestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await SchedulingTestApp.StartAsync(server, now: new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.Zero));
        await _app.WithScopeAsync(sp => sp.GetRequiredService<HolidayService>().AddProposalsAsync(2027, CancellationToken.None));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Publish_WeeklyRuleOverYear_OneDayPerThursdayHolidaysMovedToNextWorkingDay()
    {
        var ruleId = await _app.AddWeeklyRuleAsync(DayOfWeek.Thursday);

        var result = await _app.PublishAsync(YearStart, YearEnd);

        var days = await _app.WithDbAsync(db => db.ReceptionDays.Where(d => d.RuleId == ruleId).OrderBy(d => d.Date).ToListAsync());
        Assert.Equal(52, result.Added);
        Assert.Equal(52, days.Count);
        // Thursday 11 Feb 2027 is a Tết compensatory day: moved to Friday 12 Feb, recording where it came from.
        var tet = Assert.Single(days, d => d.MovedFrom == new DateOnly(2027, 2, 11));
        Assert.Equal(new DateOnly(2027, 2, 12), tet.Date);
        // Thursday 2 Sep (National Day) and its adjacent Friday: moved to Monday 6 Sep.
        Assert.Equal(new DateOnly(2027, 9, 6), Assert.Single(days, d => d.MovedFrom == new DateOnly(2027, 9, 2)).Date);
        Assert.Equal(2, days.Count(d => d.MovedFrom is not null));
        Assert.All(days.Where(d => d.MovedFrom is null), d => Assert.Equal(DayOfWeek.Thursday, d.Date.DayOfWeek));
        Assert.All(days, d => Assert.Equal(new TimeOnly(7, 30), d.StartTime));
        // 07:30 in Hanoi is 00:30 UTC.
        Assert.All(days, d => Assert.Equal(TimeSpan.FromMinutes(30), d.StartsAt.UtcDateTime.TimeOfDay));
    }

    [Fact]
    public async Task Publish_Twice_AddsNothingTheSecondTime()
    {
        await _app.AddWeeklyRuleAsync(DayOfWeek.Tuesday);
        var first = await _app.PublishAsync(YearStart, YearEnd);
        var second = await _app.PublishAsync(YearStart, YearEnd);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _app.PublishAsync(YearStart, YearEnd)));

        Assert.True(first.Added > 50);
        Assert.Equal(0, second.Added);
        Assert.All(concurrent, r => Assert.Equal(0, r.Added));
        Assert.Equal(first.Added, await _app.WithDbAsync(db => db.ReceptionDays.CountAsync()));
    }

    [Fact]
    public async Task Publish_MonthlyRules_NthWeekdayLastWeekdayAndDayOfMonth()
    {
        var second = await AddMonthlyAsync(RecurrenceKind.MonthlyNthWeekday, DayOfWeek.Tuesday, week: 2);
        var last = await AddMonthlyAsync(RecurrenceKind.MonthlyNthWeekday, DayOfWeek.Friday, week: -1);
        var day31 = await AddMonthlyAsync(RecurrenceKind.MonthlyDayOfMonth, dayOfMonth: 31);

        await _app.PublishAsync(YearStart, YearEnd);

        var days = await _app.WithDbAsync(db => db.ReceptionDays.OrderBy(d => d.RuleDate).ToListAsync());
        var secondTuesdays = days.Where(d => d.RuleId == second).Select(d => d.RuleDate!.Value).ToList();
        Assert.Equal(12, secondTuesdays.Count);
        Assert.All(secondTuesdays, d => Assert.InRange(d.Day, 8, 14));
        var lastFridays = days.Where(d => d.RuleId == last).Select(d => d.RuleDate!.Value).ToList();
        Assert.Equal(12, lastFridays.Count);
        Assert.All(lastFridays, d => Assert.True(d.AddDays(7).Month != d.Month));
        var thirtyFirsts = days.Where(d => d.RuleId == day31).ToList();
        Assert.Equal(7, thirtyFirsts.Count);
        // 31 Jan 2027 is a Sunday: published on Monday 1 Feb.
        Assert.Equal(new DateOnly(2027, 2, 1), thirtyFirsts.Single(d => d.RuleDate == new DateOnly(2027, 1, 31)).Date);
    }

    [Fact]
    public async Task Publish_HolidayMoveSwitchedOff_SkipsHolidayInstead()
    {
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?> { ["Scheduling:MoveHolidayToNextWorkingDay"] = "false" }, new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.Zero));
        await app.WithScopeAsync(sp => sp.GetRequiredService<HolidayService>().AddProposalsAsync(2027, CancellationToken.None));
        await app.AddWeeklyRuleAsync(DayOfWeek.Thursday);

        var result = await app.PublishAsync(YearStart, YearEnd);

        Assert.Equal(50, result.Added);
    }

    [Fact]
    public async Task CancelAndMove_DayWithBookings_CitizensNotifiedAndSlotsFollow()
    {
        await _app.AddWeeklyRuleAsync(DayOfWeek.Thursday);
        await _app.PublishAsync(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31));
        var days = await _app.WithDbAsync(db => db.ReceptionDays.OrderBy(d => d.Date).Select(d => d.Id).ToListAsync());
        using var citizen = _app.Factory.CreateClient();
        using var b1 = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(days[0], slot: "07:30", email: "a@example.vn"));
        using var b2 = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(days[0], slot: "07:50", email: "b@example.vn"));
        using var b3 = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(days[1], email: "c@example.vn"));
        using var staff = await _app.SignedInClientAsync();

        using var move = await staff.PostAsJsonAsync(new Uri($"/api/reception-days/{days[0]}/move", UriKind.Relative), new { date = "2027-01-08", start = "13:30", reason = "Chủ tịch họp Thành ủy" }, TestContext.Current.CancellationToken);
        using var cancel = await staff.PostAsJsonAsync(new Uri($"/api/reception-days/{days[1]}/cancel", UriKind.Relative), new { reason = "Bão số 3" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var moved = await _app.WithDbAsync(db => db.ReceptionDays.SingleAsync(d => d.Id == days[0]));
        Assert.Equal((new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 7), new TimeOnly(13, 30)), (moved.Date, moved.MovedFrom!.Value, moved.StartTime));
        var slots = await _app.WithDbAsync(db => db.Bookings.Where(b => b.ReceptionDayId == days[0]).OrderBy(b => b.SlotStart).Select(b => b.SlotStart).ToListAsync());
        Assert.Equal([new TimeOnly(13, 30), new TimeOnly(13, 50)], slots);
        var statusC = await citizen.GetFromJsonAsync<JsonElement>(new Uri("/api/bookings/" + (await b3.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString(), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("cancelled", statusC.GetProperty("status").GetString());
        var mails = await _app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == Notifications.NotificationKind.DayMoved || m.Kind == Notifications.NotificationKind.DayCancelled).OrderBy(m => m.Recipient).ToListAsync());
        Assert.Equal(["a@example.vn", "b@example.vn", "c@example.vn"], mails.Select(m => m.Recipient));
        var bodies = await _app.WithScopeAsync(sp => Task.FromResult(mails.Select(m => sp.GetRequiredService<Notifications.OutboxBodies>().Open(m.Body)).ToList()));
        Assert.Contains("Bão số 3", bodies[2], StringComparison.Ordinal);
        Assert.Contains("13:30", bodies[0], StringComparison.Ordinal);
        // The cancelled day is gone from the public calendar.
        var calendar = await citizen.GetFromJsonAsync<JsonElement[]>(new Uri("/api/calendar/reception-days?from=2027-01-01&to=2027-01-31", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(calendar!, d => d.GetProperty("id").GetGuid() == days[1]);
        Assert.Equal("2027-01-07", calendar!.Single(d => d.GetProperty("id").GetGuid() == days[0]).GetProperty("movedFrom").GetString());
    }

    private async Task<Guid> AddMonthlyAsync(RecurrenceKind kind, DayOfWeek? day = null, int? week = null, int? dayOfMonth = null)
    {
        var id = Guid.CreateVersion7();
        await _app.WithDbAsync(async db =>
        {
            db.ReceptionRules.Add(new ReceptionRule
            {
                Id = id, Name = "Hằng tháng", Recurrence = kind, DayOfWeek = day, WeekOfMonth = week, DayOfMonth = dayOfMonth,
                StartTime = new TimeOnly(14, 0), EndTime = new TimeOnly(16, 0), PresidingRole = "ViceChairman", Place = "Phòng tiếp",
                SlotMinutes = 20, Capacity = 6, ValidFrom = YearStart,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }
}
