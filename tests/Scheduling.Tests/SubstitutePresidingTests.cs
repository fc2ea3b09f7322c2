using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Scheduling.Tests;

/// <summary>Issue 11: one published reception day handed to a substitute presiding official (docs/adr/0083).</summary>
public sealed class SubstitutePresidingTests(PostgresServer server) : IAsyncLifetime
{
    private const string Password = "Staff-pass-2026";

    /// <summary>Thursday 3 Dec 2026, 07:30–11:30; the app's clock is Friday 27 Nov 08:00.</summary>
    private static readonly DateOnly Thursday = new(2026, 12, 3);

    private readonly CapturedLogs _logs = new();
    private SchedulingTestApp _app = null!;
    private Guid _chairman;
    private Guid _vice;
    private Guid _unitHead;
    private Guid _admin;
    private Guid _clerk;
    private Guid _dayId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = await SchedulingTestApp.StartAsync(server, services: _logs.AddTo);
        _chairman = await _app.Factory.CreateStaffAsync("chutich", Password, "Nguyễn Văn Chủ", TestRoles.Chairman);
        _vice = await _app.Factory.CreateStaffAsync("phochutich", Password, "Trần Thị Phó", TestRoles.ViceChairman);
        _unitHead = await _app.Factory.CreateStaffAsync("truongphong", Password, "Lê Văn Trưởng", TestRoles.UnitHead);
        _admin = await _app.Factory.CreateStaffAsync("quantri2", Password, "Quản Trị Viên", TestRoles.Admin);
        _clerk = await _app.Factory.CreateStaffAsync("vanthu", Password, "Phạm Văn Thư", TestRoles.Staff);
        await _app.AddWeeklyRuleAsync(DayOfWeek.Thursday, _chairman);
        await _app.PublishAsync(Thursday, Thursday);
        _dayId = await _app.WithDbAsync(db => db.ReceptionDays.Where(d => d.Date == Thursday).Select(d => d.Id).SingleAsync(Ct));
    }

    [Fact]
    public async Task HandOver_ValidRequest_SubstitutePresidesTheDay_BlockMoves_CitizensTold_Logged()
    {
        using var citizen = _app.Factory.CreateClient();
        using var a = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(_dayId, "07:30", email: "an@example.vn"));
        using var b = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(_dayId, "07:50", citizenId: "001090054321", email: "binh@example.vn"));
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        using var office = await SignInAsync("vanthu");

        using var response = await HandOverAsync(office, _dayId, _vice, "Chủ tịch bị ốm đột xuất");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var day = await _app.WithDbAsync(db => db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == _dayId, Ct));
        Assert.Equal(_vice, day.PresidingOfficialId);
        Assert.Equal("Trần Thị Phó", day.PresidingName);
        Assert.Equal(_chairman, day.SubstituteForOfficialId);
        Assert.Equal("Nguyễn Văn Chủ", day.SubstituteForName);
        Assert.Equal("vanthu", day.DelegatedBy);
        Assert.Equal(_app.Time.GetUtcNow(), day.DelegatedAt);
        Assert.Equal("Chủ tịch bị ốm đột xuất", day.DelegationReason);

        // The whole-day block is the substitute's now: the chairman is free for a meeting that afternoon, the vice-chairman is not.
        var busy = await _app.WithDbAsync(db => db.BusyPeriods.AsNoTracking().Where(p => p.ReceptionDayId == _dayId).ToListAsync(Ct));
        Assert.Equal(_vice, Assert.Single(busy).OfficialId);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero), busy[0].BlockStartsAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.Zero), busy[0].BlockEndsAt);
        using (var chairmanMeeting = await MeetingAsync(office, _chairman, "Họp giao ban"))
        {
            Assert.Equal(HttpStatusCode.Created, chairmanMeeting.StatusCode);
        }

        using (var viceMeeting = await MeetingAsync(office, _vice, "Họp giao ban"))
        {
            Assert.Equal(HttpStatusCode.Conflict, viceMeeting.StatusCode);
        }

        // Each booked citizen is told, politely, who presides now and why.
        var bodies = await _app.WithScopeAsync(async sp =>
        {
            var sealedBodies = await sp.GetRequiredService<Persistence.SchedulingDbContext>().Outbox.AsNoTracking()
                .Where(m => m.Kind == NotificationKind.PresidingChanged).Select(m => new { m.Recipient, m.Body }).ToListAsync(Ct);
            var open = sp.GetRequiredService<OutboxBodies>();
            return sealedBodies.Select(m => (m.Recipient, Body: open.Open(m.Body))).ToList();
        });
        Assert.Equal(["an@example.vn", "binh@example.vn"], bodies.Select(m => m.Recipient).Order(StringComparer.Ordinal));
        Assert.All(bodies, m =>
        {
            Assert.Contains("Người chủ trì: Trần Thị Phó (thay Nguyễn Văn Chủ)", m.Body, StringComparison.Ordinal);
            Assert.Contains("Lý do: Chủ tịch bị ốm đột xuất", m.Body, StringComparison.Ordinal);
            Assert.Contains("Ông/bà không cần đăng ký lại", m.Body, StringComparison.Ordinal);
        });

        // The public calendar (page, JSON, iCalendar) and the office's day list show the substitute.
        var json = await citizen.GetFromJsonAsync<JsonElement[]>(new Uri("/api/calendar/reception-days?from=2026-12-01&to=2026-12-31", UriKind.Relative), Ct);
        var shown = Assert.Single(json!);
        Assert.Equal("Trần Thị Phó", shown.GetProperty("presidingOfficial").GetString());
        Assert.Equal("Nguyễn Văn Chủ", shown.GetProperty("substituteFor").GetString());
        var ics = await citizen.GetStringAsync(new Uri("/calendar.ics?from=2026-12-01&to=2026-12-31", UriKind.Relative), Ct);
        Assert.Contains("Trần Thị Phó (thay Nguyễn Văn Chủ)", Unfold(ics), StringComparison.Ordinal);
        var page = await citizen.GetStringAsync(new Uri("/Calendar?month=2026-12&view=list", UriKind.Relative), Ct);
        Assert.Contains("Trần Thị Phó (thay Nguyễn Văn Chủ)", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var officePage = WebUtility.HtmlDecode(await office.GetStringAsync(new Uri("/Office/Days", UriKind.Relative), Ct));
        Assert.Contains("Trần Thị Phó (thay Nguyễn Văn Chủ)", officePage, StringComparison.Ordinal);
        Assert.Contains("vanthu giao lúc 27/11/2026 08:00: Chủ tịch bị ốm đột xuất", officePage, StringComparison.Ordinal);

        var line = Assert.Single(_logs.Entries, e => e.Message.Contains("handed over", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains(_dayId.ToString(), line.Message, StringComparison.Ordinal);
        Assert.Contains("by vanthu from " + _chairman + " (Nguyễn Văn Chủ) to " + _vice + " (Trần Thị Phó)", line.Message, StringComparison.Ordinal);
        Assert.Contains("Chủ tịch bị ốm đột xuất", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandOver_HandedBackToThePublishedOfficial_CalendarShowsThemAlone()
    {
        using var office = await SignInAsync("vanthu");
        using (var first = await HandOverAsync(office, _dayId, _vice, "Chủ tịch đi công tác"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var back = await HandOverAsync(office, _dayId, _chairman, "Chủ tịch về sớm");

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var day = await _app.WithDbAsync(db => db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == _dayId, Ct));
        Assert.Equal(_chairman, day.PresidingOfficialId);
        Assert.Null(day.SubstituteForName);
        Assert.Equal("Chủ tịch về sớm", day.DelegationReason);
        Assert.Equal(_chairman, (await _app.WithDbAsync(db => db.BusyPeriods.SingleAsync(p => p.ReceptionDayId == _dayId, Ct))).OfficialId);
    }

    [Fact]
    public async Task HandOver_BadRequests_EachRefusedWithItsStatusAndSentence_NothingChanged()
    {
        // A day already over (yesterday) and a cancelled one, beside the Thursday.
        await _app.AddWeeklyRuleAsync(DayOfWeek.Wednesday, _chairman);
        var wednesday = new DateOnly(2026, 11, 25);
        await _app.PublishAsync(wednesday, new DateOnly(2026, 12, 2));
        var pastId = await _app.WithDbAsync(db => db.ReceptionDays.Where(d => d.Date == wednesday).Select(d => d.Id).SingleAsync(Ct));
        var cancelledId = await _app.WithDbAsync(db => db.ReceptionDays.Where(d => d.Date == new DateOnly(2026, 12, 2)).Select(d => d.Id).SingleAsync(Ct));
        using var office = await SignInAsync("vanthu");
        using (var cancel = await office.PostAsJsonAsync(new Uri($"/api/reception-days/{cancelledId}/cancel", UriKind.Relative), new { reason = "Mưa bão" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        using var citizen = _app.Factory.CreateClient();
        using var booked = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(_dayId, email: "an@example.vn"));
        var before = await SnapshotAsync();
        using var otherHead = await SignInAsync("truongphong");
        var inspectorName = "thanhtra" + Guid.NewGuid().ToString("N")[..6];
        await _app.Factory.CreateStaffAsync(inspectorName, Password, "Thanh Tra Viên", TestRoles.Inspector);
        using var inspector = await SignInAsync(inspectorName);

        await RefusedAsync(office, Guid.NewGuid(), _vice, "Chủ tịch ốm", HttpStatusCode.NotFound, "Không tìm thấy ngày tiếp công dân");
        await RefusedAsync(office, cancelledId, _vice, "Chủ tịch ốm", HttpStatusCode.NotFound, "đã bị hủy");
        await RefusedAsync(office, pastId, _vice, "Chủ tịch ốm", HttpStatusCode.BadRequest, "đã kết thúc");
        await RefusedAsync(office, _dayId, _admin, "Chủ tịch ốm", HttpStatusCode.BadRequest, "Tài khoản quản trị");
        await RefusedAsync(office, _dayId, _clerk, "Chủ tịch ốm", HttpStatusCode.BadRequest, "Thủ trưởng cơ quan, đơn vị");
        await RefusedAsync(office, _dayId, Guid.NewGuid(), "Chủ tịch ốm", HttpStatusCode.BadRequest, "Thủ trưởng cơ quan, đơn vị");
        await RefusedAsync(office, _dayId, null, "Chủ tịch ốm", HttpStatusCode.BadRequest, "chọn người chủ trì thay");
        await RefusedAsync(office, _dayId, _chairman, "Chủ tịch ốm", HttpStatusCode.BadRequest, "đang là người chủ trì");
        await RefusedAsync(office, _dayId, _vice, "   ", HttpStatusCode.BadRequest, "nhập lý do");
        await RefusedAsync(office, _dayId, _vice, new string('x', 501), HttpStatusCode.BadRequest, "tối đa 500");
        // A head of unit may hand over only the days they preside; an inspector manages no calendar at all.
        await RefusedAsync(otherHead, _dayId, _vice, "Chủ tịch ốm", HttpStatusCode.Forbidden, "Chỉ người đang chủ trì ngày tiếp này");
        using (var denied = await HandOverAsync(inspector, _dayId, _vice, "Chủ tịch ốm"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        Assert.Equal(before, await SnapshotAsync());
        var refusals = _logs.Entries.Where(e => e.Message.Contains("Hand-over of reception day", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, refusals.Count);
        Assert.All(refusals, e => Assert.Null(e.Exception));
        Assert.DoesNotContain(_logs.Entries, e => e.Message.Contains("handed over by", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandOver_SubstituteHasAMeetingThatDay_409NamingIt_NothingChanged()
    {
        using var office = await SignInAsync("vanthu");
        using (var meeting = await MeetingAsync(office, _vice, "Hội nghị tổng kết năm"))
        {
            Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        }

        using var citizen = _app.Factory.CreateClient();
        using var booked = await SchedulingTestApp.PostBookingAsync(citizen, SchedulingTestApp.BookingBody(_dayId, email: "an@example.vn"));
        var before = await SnapshotAsync();

        using var response = await HandOverAsync(office, _dayId, _vice, "Chủ tịch ốm");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
        Assert.Contains("Trần Thị Phó có cuộc họp \"Hội nghị tổng kết năm\" (14:00–16:00)", detail, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.False(await _app.WithDbAsync(db => db.Meetings.AnyAsync(m => m.NeedsRescheduling, Ct)));
    }

    [Fact]
    public async Task PresidingPage_UnitHeadPresidingTheDay_HandsItOverThroughTheForm_DayLeavesTheirList()
    {
        var adHoc = await _app.WithScopeAsync(sp => sp.GetRequiredService<ReceptionDayService>().AddAdHocAsync(
            new AdHocDayRequest(new DateOnly(2026, 12, 1), new TimeOnly(14, 0), new TimeOnly(16, 0), _unitHead, null, true, "Tiếp về đất đai"), Ct));
        Assert.True(adHoc.Succeeded, adHoc.Error?.Message);
        var dayId = adHoc.Value!.Id;
        using var head = await SignInAsync("truongphong");
        var page = new Uri("/Office/Days/Presiding", UriKind.Relative);
        var html = WebUtility.HtmlDecode(await head.GetStringAsync(page, Ct));
        Assert.Contains(dayId.ToString(), html, StringComparison.Ordinal);
        Assert.DoesNotContain(_dayId.ToString(), html, StringComparison.Ordinal);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = dayId.ToString(),
            ["substitute"] = _vice.ToString(),
            ["reason"] = "Trưởng phòng đi tập huấn",
            ["__RequestVerificationToken"] = await head.AntiforgeryTokenAsync(page, Ct),
        });
        using var posted = await head.PostAsync(page, form, Ct);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var after = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Đã giao ngày tiếp 01/12/2026 cho Trần Thị Phó chủ trì", after, StringComparison.Ordinal);
        var day = await _app.WithDbAsync(db => db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == dayId, Ct));
        Assert.Equal(_vice, day.PresidingOfficialId);
        Assert.Equal("truongphong", day.DelegatedBy);
        // The day is no longer theirs: the page lists nothing for them now.
        Assert.Contains("Không có ngày tiếp sắp tới nào", WebUtility.HtmlDecode(await head.GetStringAsync(page, Ct)), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> SignInAsync(string userName)
    {
        var client = _app.Factory.CreateClient();
        await client.SignInAsync(userName, Password, Ct);
        return client;
    }

    private static Task<HttpResponseMessage> HandOverAsync(HttpClient client, Guid dayId, Guid? substituteId, string reason) =>
        client.PostAsJsonAsync(new Uri($"/api/reception-days/{dayId}/presiding", UriKind.Relative), new { substituteId, reason }, Ct);

    private static Task<HttpResponseMessage> MeetingAsync(HttpClient client, Guid officialId, string title) =>
        client.PostAsJsonAsync(new Uri("/api/meetings", UriKind.Relative), new
        {
            officialId,
            title,
            startsAt = new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.FromHours(7)),
            endsAt = new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.FromHours(7)),
        }, Ct);

    private static async Task RefusedAsync(HttpClient client, Guid dayId, Guid? substituteId, string reason, HttpStatusCode status, string sentence)
    {
        using var response = await HandOverAsync(client, dayId, substituteId, reason);
        Assert.Equal(status, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();
        Assert.Contains(sentence, detail, StringComparison.Ordinal);
    }

    /// <summary>Everything a hand-over would change: the days' presiding fields, the busy periods, the outbox.</summary>
    private Task<string> SnapshotAsync() => _app.WithDbAsync(async db =>
    {
        var days = await db.ReceptionDays.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => $"{d.Id}:{d.PresidingOfficialId}:{d.PresidingName}:{d.SubstituteForName}:{d.DelegatedBy}:{d.DelegationReason}").ToListAsync(Ct);
        var busy = await db.BusyPeriods.AsNoTracking().OrderBy(b => b.Id)
            .Select(b => $"{b.Id}:{b.OfficialId}:{b.ReceptionDayId}:{b.MeetingId}:{b.BlockStartsAt:O}:{b.BlockEndsAt:O}").ToListAsync(Ct);
        var outbox = await db.Outbox.CountAsync(Ct);
        return string.Join("\n", days) + "\n--\n" + string.Join("\n", busy) + "\n--\n" + outbox;
    });

    /// <summary>iCalendar folds long lines (CRLF + space): unfold before looking for a phrase.</summary>
    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);
}
