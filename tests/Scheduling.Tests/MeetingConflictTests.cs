using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Scheduling.Tests;

public sealed class MeetingConflictTests(PostgresServer server) : IAsyncLifetime
{
    private SchedulingTestApp _app = null!;
    private Guid _chairman;
    private HttpClient _staff = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await SchedulingTestApp.StartAsync(server);
        _chairman = await _app.Factory.CreateStaffAsync("chutich", "Chairman-pass-2026", "Nguyễn Văn Chủ Tịch", TestRoles.Chairman);
        await _app.AddWeeklyRuleAsync(DayOfWeek.Thursday, _chairman);
        await _app.PublishAsync(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 31));
        _staff = await _app.SignedInClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _staff.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task PostMeeting_OnReceptionDay_Returns409NamingTheDay()
    {
        // Thursday 3 Dec 2026, 09:00–10:00 Hanoi time, inside the 07:30–11:30 reception.
        using var response = await PostMeetingAsync("Họp giao ban", At(2026, 12, 3, 9, 0), At(2026, 12, 3, 10, 0));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("tiếp công dân ngày 03/12/2026 (07:30–11:30)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Meetings.CountAsync()));
    }

    [Fact]
    public async Task PostMeeting_LaterTheSameAfternoonOnReceptionDay_Returns409()
    {
        // The reception is 07:30–11:30 on Thursday 3 Dec 2026; the plan keeps the whole day free of other meetings.
        using var afternoon = await PostMeetingAsync("Họp giao ban chiều", At(2026, 12, 3, 14, 0), At(2026, 12, 3, 15, 30));
        using var evening = await PostMeetingAsync("Họp tổ dân phố", At(2026, 12, 3, 19, 0), At(2026, 12, 3, 21, 0));

        Assert.Equal(HttpStatusCode.Conflict, afternoon.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, evening.StatusCode);
        var problem = await afternoon.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("tiếp công dân ngày 03/12/2026", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Meetings.CountAsync(m => m.StartsAt >= At(2026, 12, 3, 0, 0) && m.StartsAt < At(2026, 12, 4, 0, 0))));
    }

    [Fact]
    public async Task PostMeeting_EndingAtMidnightBeforeReceptionDay_IsBooked()
    {
        using var lateEvening = await PostMeetingAsync("Họp trực ban", At(2026, 12, 9, 22, 0), At(2026, 12, 10, 0, 0));
        using var afterMidnight = await PostMeetingAsync("Họp sau nửa đêm", At(2026, 12, 10, 0, 0), At(2026, 12, 10, 0, 30));

        Assert.Equal(HttpStatusCode.Created, lateEvening.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterMidnight.StatusCode);
    }

    [Fact]
    public async Task PostMeeting_TenConcurrentOnReceptionDayAfternoon_NoneBooked()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => PostMeetingAsync("Họp " + i, At(2026, 12, 17, 13, 0).AddMinutes(i * 20), At(2026, 12, 17, 17, 0))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task PostMeeting_OverlapsAnotherMeeting_Returns409NamingIt()
    {
        using var first = await PostMeetingAsync("Họp HĐND", At(2026, 12, 2, 14, 0), At(2026, 12, 2, 16, 0));
        using var overlapping = await PostMeetingAsync("Tiếp đoàn kiểm tra", At(2026, 12, 2, 15, 0), At(2026, 12, 2, 17, 0));
        using var backToBack = await PostMeetingAsync("Họp chi bộ", At(2026, 12, 2, 16, 0), At(2026, 12, 2, 17, 0));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Contains("Họp HĐND", (await overlapping.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, backToBack.StatusCode);
    }

    [Fact]
    public async Task PostMeeting_TenConcurrentOverlapping_ExactlyOneBooked()
    {
        var attempts = Enumerable.Range(0, 10).Select(i => PostMeetingAsync("Họp " + i, At(2026, 12, 4, 8, 0).AddMinutes(i * 5), At(2026, 12, 4, 10, 0)));
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Meetings.CountAsync()));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task PublishDay_OverBookedMeeting_ReceptionWinsAndMeetingFlagged()
    {
        using var meeting = await PostMeetingAsync("Hội nghị", At(2026, 12, 8, 8, 0), At(2026, 12, 8, 9, 0));
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);

        using var adHoc = await _staff.PostAsJsonAsync(new Uri("/api/reception-days", UriKind.Relative), new
        {
            date = "2026-12-08", start = "07:30", end = "11:00", presidingOfficialId = _chairman, reason = "Nhiều công dân đề nghị gặp Chủ tịch về dự án đường",
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, adHoc.StatusCode);
        var flagged = await _app.WithDbAsync(db => db.Meetings.SingleAsync());
        Assert.True(flagged.NeedsRescheduling);
        // The meeting no longer blocks, the reception day does: a new meeting at that time is refused.
        using var again = await PostMeetingAsync("Họp khác", At(2026, 12, 8, 8, 0), At(2026, 12, 8, 8, 30));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task PostAdHocDay_WithoutReason_Returns400()
    {
        using var response = await _staff.PostAsJsonAsync(new Uri("/api/reception-days", UriKind.Relative), new { date = "2026-12-09", start = "07:30", end = "11:00", reason = "" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostMeetingAsync(string title, DateTimeOffset start, DateTimeOffset end) =>
        _staff.PostAsJsonAsync(new Uri("/api/meetings", UriKind.Relative), new { officialId = _chairman, title, startsAt = start, endsAt = end }, TestContext.Current.CancellationToken);

    private static DateTimeOffset At(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.FromHours(7));
}

/// <summary><c>Scheduling:ReceptionDayBlocks</c>: reception hours only, and the switch back to the whole day.</summary>
public sealed class ReceptionDayBlockSettingTests(PostgresServer server)
{
    [Fact]
    public async Task PostMeeting_ReceptionHoursSetting_AfternoonIsBookedMorningIsNot()
    {
        await using var app = await SchedulingTestApp.StartAsync(server, new Dictionary<string, string?> { ["Scheduling:ReceptionDayBlocks"] = "ReceptionHours" });
        var chairman = await app.Factory.CreateStaffAsync("chutich", "Chairman-pass-2026", "Nguyễn Văn Chủ Tịch", TestRoles.Chairman);
        await app.AddWeeklyRuleAsync(DayOfWeek.Thursday, chairman);
        await app.PublishAsync(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 31));
        using var staff = await app.SignedInClientAsync();

        using var afternoon = await PostMeetingAsync(staff, chairman, At(2026, 12, 3, 14, 0), At(2026, 12, 3, 15, 0));
        using var morning = await PostMeetingAsync(staff, chairman, At(2026, 12, 3, 11, 0), At(2026, 12, 3, 12, 0));

        Assert.Equal(HttpStatusCode.Created, afternoon.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, morning.StatusCode);
    }

    [Fact]
    public async Task PublishAhead_DayWithHoursBlock_WidensToWholeDayAndFlagsTheAfternoonMeeting()
    {
        await using var app = await SchedulingTestApp.StartAsync(server);
        var chairman = await app.Factory.CreateStaffAsync("chutich", "Chairman-pass-2026", "Nguyễn Văn Chủ Tịch", TestRoles.Chairman);
        await app.AddWeeklyRuleAsync(DayOfWeek.Thursday, chairman);
        await app.PublishAsync(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 31));
        // As a day published before this rule (the migration keeps old rows at the reception hours), with a meeting
        // booked that afternoon while the hours were all it blocked.
        var dayId = await app.WithDbAsync(db => db.ReceptionDays.Where(d => d.Date == new DateOnly(2026, 12, 3)).Select(d => d.Id).SingleAsync());
        await app.WithDbAsync(db => db.BusyPeriods.Where(b => b.ReceptionDayId == dayId)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.BlockStartsAt, b => b.StartsAt).SetProperty(b => b.BlockEndsAt, b => b.EndsAt)));
        using var staff = await app.SignedInClientAsync();
        using var afternoon = await PostMeetingAsync(staff, chairman, At(2026, 12, 3, 14, 0), At(2026, 12, 3, 15, 0));
        Assert.Equal(HttpStatusCode.Created, afternoon.StatusCode);

        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<ReceptionDays.ReceptionDayPublisher>().PublishAheadAsync(CancellationToken.None));

        Assert.Equal(1, result.MeetingsFlagged);
        Assert.True((await app.WithDbAsync(db => db.Meetings.SingleAsync())).NeedsRescheduling);
        var block = await app.WithDbAsync(db => db.BusyPeriods.SingleAsync(b => b.ReceptionDayId == dayId));
        Assert.Equal(At(2026, 12, 3, 0, 0), block.BlockStartsAt);
        Assert.Equal(At(2026, 12, 4, 0, 0), block.BlockEndsAt);
        using var again = await PostMeetingAsync(staff, chairman, At(2026, 12, 3, 14, 0), At(2026, 12, 3, 15, 0));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private static Task<HttpResponseMessage> PostMeetingAsync(HttpClient staff, Guid official, DateTimeOffset start, DateTimeOffset end) =>
        staff.PostAsJsonAsync(new Uri("/api/meetings", UriKind.Relative), new { officialId = official, title = "Họp", startsAt = start, endsAt = end }, TestContext.Current.CancellationToken);

    private static DateTimeOffset At(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.FromHours(7));
}
