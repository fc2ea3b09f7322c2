using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.Meetings;

internal sealed record MeetingJson(Guid OfficialId, string? Title, string? Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

internal static class MeetingEndpoints
{
    public static void MapMeetings(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/meetings").RequireAuthorization(SchedulingModule.OfficePolicy).DisableAntiforgery();
        group.MapPost("/", async ([FromBody] MeetingJson body, MeetingService meetings, CancellationToken ct) =>
        {
            var outcome = await meetings.CreateAsync(new MeetingRequest(body.OfficialId, body.Title, body.Place, body.StartsAt, body.EndsAt), ct);
            return outcome.Error?.ToProblem() ?? Results.Created($"/api/meetings/{outcome.Value!.Id}", ToJson(outcome.Value));
        });
        group.MapGet("/", async (string? from, string? to, SchedulingDbContext db, WardClock clock, CancellationToken ct) =>
        {
            var first = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : clock.Today;
            var last = DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : first.AddDays(60);
            var start = clock.ToInstant(first, TimeOnly.MinValue);
            var end = clock.ToInstant(last.AddDays(1), TimeOnly.MinValue);
            var list = await db.Meetings.AsNoTracking().Where(m => m.StartsAt < end && start < m.EndsAt).OrderBy(m => m.StartsAt).ToListAsync(ct);
            return Results.Ok(list.Select(ToJson));
        });
    }

    private static object ToJson(Meeting m) => new
    {
        id = m.Id,
        officialId = m.OfficialId,
        title = m.Title,
        place = m.Place,
        startsAt = m.StartsAt,
        endsAt = m.EndsAt,
        needsRescheduling = m.NeedsRescheduling,
    };
}
