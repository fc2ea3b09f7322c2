using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Scheduling.Tests;

public sealed class CalendarApiTests(PostgresServer server) : IAsyncLifetime
{
    private SchedulingTestApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await SchedulingTestApp.StartAsync(server);
        await _app.AddWeeklyRuleAsync(DayOfWeek.Thursday, capacity: 4);
        await _app.PublishAsync(new DateOnly(2026, 11, 27), new DateOnly(2027, 1, 31));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("?from=2026-12-01")]
    [InlineData("?from=2026-12-01&to=tomorrow")]
    [InlineData("?from=01/12/2026&to=2026-12-31")]
    [InlineData("?from=2026-12-31&to=2026-12-01")]
    [InlineData("?from=2026-01-01&to=2027-01-02")]
    public async Task GetReceptionDays_BadQuery_Returns400ProblemDetails(string query)
    {
        using var client = _app.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/calendar/reception-days" + query, UriKind.Relative), TestContext.Current.CancellationToken);
        using var ics = await client.GetAsync(new Uri("/calendar.ics" + (query.Length == 0 ? "?from=x" : query), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, ics.StatusCode);
    }

    [Fact]
    public async Task GetReceptionDays_Month_ItemsCarryTheDocumentedFields()
    {
        using var client = _app.Factory.CreateClient();
        using var booked = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(
            await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ReceptionDays.Where(d => d.Date == new DateOnly(2026, 12, 3)).Select(d => d.Id)))));

        var days = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/calendar/reception-days?from=2026-12-01&to=2026-12-31", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(["2026-12-03", "2026-12-10", "2026-12-17", "2026-12-24", "2026-12-31"], days!.Select(d => d.GetProperty("date").GetString()));
        var first = days![0];
        Assert.Equal("07:30", first.GetProperty("start").GetString());
        Assert.Equal("11:30", first.GetProperty("end").GetString());
        Assert.Equal("Chủ tịch UBND phường", first.GetProperty("presidingOfficial").GetString());
        Assert.Equal("Phòng tiếp công dân", first.GetProperty("place").GetString());
        Assert.Equal("regular", first.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("movedFrom").ValueKind);
        Assert.Equal(3, first.GetProperty("freeSlots").GetInt32());
        Assert.Equal(4, days[1].GetProperty("freeSlots").GetInt32());
    }

    [Fact]
    public async Task CalendarIcs_SameRange_HasOneEventPerApiDayAtTheSameInstants()
    {
        using var client = _app.Factory.CreateClient();
        var days = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/calendar/reception-days?from=2026-12-01&to=2027-01-31", UriKind.Relative), TestContext.Current.CancellationToken);
        using var response = await client.GetAsync(new Uri("/calendar.ics?from=2026-12-01&to=2027-01-31", UriKind.Relative), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.Equal(days!.Length, calendar.Events.Count);
        var expected = days.Select(d => DateTimeOffset.Parse(d.GetProperty("date").GetString() + "T" + d.GetProperty("start").GetString() + ":00+07:00", System.Globalization.CultureInfo.InvariantCulture).UtcDateTime).Order();
        Assert.Equal(expected, calendar.Events.Select(e => e.DtStart!.AsUtc).Order());
        Assert.All(calendar.Events, e => Assert.Equal("Phòng tiếp công dân", e.Location));
    }
}
