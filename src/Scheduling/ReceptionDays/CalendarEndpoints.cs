using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

internal static class CalendarEndpoints
{
    public static void MapCalendar(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/calendar/reception-days", async (string? from, string? to, PublicCalendar calendar, IOptions<SchedulingOptions> options, CancellationToken ct) =>
        {
            var range = CalendarRange.Parse(from, to, options.Value.MaxQueryDays);
            if (range.Error is { } error)
            {
                return error.ToProblem();
            }

            var days = await calendar.ListAsync(range.Value.From, range.Value.To, ct);
            return Results.Ok(days.Select(ToJson));
        }).WithName("ReceptionDays").AllowAnonymous();

        endpoints.MapGet("/calendar.ics", async (string? from, string? to, PublicCalendar calendar, WardClock clock, IOptions<SchedulingOptions> options, IOptions<WardOptions> ward, PublicAddress publicAddress, CancellationToken ct) =>
        {
            // A subscribed calendar app asks without a range: from a month back to the publishing horizon.
            var range = from is null && to is null
                ? new Outcome<(DateOnly From, DateOnly To)>((clock.Today.AddDays(-31), clock.Today.AddDays(7 * options.Value.PublishWeeksAhead + 7)), null)
                : CalendarRange.Parse(from, to, options.Value.MaxQueryDays);
            if (range.Error is { } error)
            {
                return error.ToProblem();
            }

            var days = await calendar.ListAsync(range.Value.From, range.Value.To, ct);
            return Results.Text(ToICalendar(days, ward.Value.WardName, publicAddress), "text/calendar; charset=utf-8");
        }).AllowAnonymous();
    }

    public static object ToJson(PublicReceptionDay d) => new
    {
        id = d.Id,
        date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        start = d.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
        end = d.End.ToString("HH:mm", CultureInfo.InvariantCulture),
        presidingOfficial = d.PresidingOfficial,
        substituteFor = d.SubstituteFor,
        place = d.Place,
        online = d.Online,
        kind = d.Kind == ReceptionDayKind.AdHoc ? "adhoc" : "regular",
        movedFrom = d.MovedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        reason = d.Reason,
        freeSlots = d.FreeSlots,
    };

    internal static string ToICalendar(IEnumerable<PublicReceptionDay> days, string wardName, PublicAddress publicAddress)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//DaoVien.OnlineReception//Lich tiep cong dan//VI" };
        calendar.AddProperty("X-WR-CALNAME", Messages.Format("Ics.CalendarName", wardName));
        foreach (var day in days)
        {
            calendar.Events.Add(new CalendarEvent
            {
                // Stable per day, so a subscribed app updates a moved day instead of duplicating it.
                Uid = $"{day.Id:N}@daovien.reception",
                // Where the citizen books that day: an absolute link, so it works from the calendar app too.
                Url = new Uri(publicAddress.Link($"/Booking?day={day.Id}")),
                Summary = Messages.Format(day.Kind == ReceptionDayKind.AdHoc ? "Ics.SummaryAdHoc" : "Ics.Summary", day.Presiding),
                Location = day.Place,
                Description = Messages.Format("Ics.Description", day.Presiding, day.Online ? Messages.Get("Ics.Online") : "", day.FreeSlots,
                    day.MovedFrom is { } moved ? Messages.Format("Ics.MovedFrom", moved.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)) : ""),
                DtStart = new CalDateTime(day.StartsAt.UtcDateTime, CalDateTime.UtcTzId),
                DtEnd = new CalDateTime(day.EndsAt.UtcDateTime, CalDateTime.UtcTzId),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}

/// <summary>Parses and bounds a from/to query (YYYY-MM-DD), for the API, the feed and the pages.</summary>
internal static class CalendarRange
{
    public static Outcome<(DateOnly From, DateOnly To)> Parse(string? from, string? to, int maxDays)
    {
        if (!TryParse(from, out var first))
        {
            return SchedulingError.Invalid("Calendar.BadFrom", "from");
        }

        if (!TryParse(to, out var last))
        {
            return SchedulingError.Invalid("Calendar.BadTo", "to");
        }

        if (last < first)
        {
            return SchedulingError.Invalid("Calendar.ToBeforeFrom", "to");
        }

        if (last.DayNumber - first.DayNumber + 1 > maxDays)
        {
            return SchedulingError.Invalid("Calendar.RangeTooLong", "to", maxDays);
        }

        return (first, last);
    }

    private static bool TryParse(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
