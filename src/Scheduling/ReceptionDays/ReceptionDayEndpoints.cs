using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

internal sealed record AdHocDayJson(string? Date, string? Start, string? End, Guid? PresidingOfficialId, string? Place, bool? Online, string? Reason, int? SlotMinutes, int? Capacity);

internal sealed record MoveDayJson(string? Date, string? Start, string? Reason);

internal sealed record HandOverDayJson(Guid? SubstituteId, string? Reason);

internal static class ReceptionDayEndpoints
{
    public static void MapReceptionDays(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/reception-days").RequireAuthorization(SchedulingModule.OfficePolicy).DisableAntiforgery();
        group.MapPost("/", async ([FromBody] AdHocDayJson body, ReceptionDayService days, CancellationToken ct) =>
        {
            if (!TryDate(body.Date, out var date))
            {
                return SchedulingError.Invalid("Calendar.BadFrom", "date").ToProblem();
            }

            if (!TryTime(body.Start, out var start) || !TryTime(body.End, out var end))
            {
                return SchedulingError.Invalid("Day.EndBeforeStart", "start").ToProblem();
            }

            var outcome = await days.AddAdHocAsync(new AdHocDayRequest(date, start, end, body.PresidingOfficialId, body.Place, body.Online ?? true, body.Reason, body.SlotMinutes ?? 20, body.Capacity ?? 12), ct);
            return outcome.Error?.ToProblem() ?? Results.Created($"/api/reception-days/{outcome.Value!.Id}", new { id = outcome.Value.Id });
        });
        group.MapPost("/{id:guid}/cancel", async (Guid id, [FromBody] MoveDayJson body, ReceptionDayService days, CancellationToken ct) =>
        {
            var outcome = await days.CancelAsync(id, body.Reason, ct);
            return outcome.Error?.ToProblem() ?? Results.Ok(new { id, status = "cancelled" });
        });
        group.MapPost("/{id:guid}/move", async (Guid id, [FromBody] MoveDayJson body, ReceptionDayService days, CancellationToken ct) =>
        {
            if (!TryDate(body.Date, out var date))
            {
                return SchedulingError.Invalid("Calendar.BadFrom", "date").ToProblem();
            }

            TimeOnly? start = TryTime(body.Start, out var s) ? s : null;
            var outcome = await days.MoveAsync(id, date, start, body.Reason, ct);
            return outcome.Error?.ToProblem() ?? Results.Ok(new { id, date = outcome.Value!.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        });

        // Also the day's own presiding official, who may not manage the calendar (a head of unit): the service decides.
        endpoints.MapPost("/api/reception-days/{id:guid}/presiding", async (Guid id, [FromBody] HandOverDayJson body, ClaimsPrincipal user, DayDelegation delegation, CancellationToken ct) =>
        {
            var outcome = await delegation.HandOverAsync(id, body.SubstituteId, body.Reason, SchedulingModule.DelegationCallerOf(user), ct);
            return outcome.Error?.ToProblem() ?? Results.Ok(new
            {
                id,
                presidingOfficialId = outcome.Value!.PresidingOfficialId,
                presidingOfficial = outcome.Value.PresidingName,
                substituteFor = outcome.Value.SubstituteForName,
            });
        }).RequireAuthorization(SchedulingModule.DelegationPolicy).DisableAntiforgery();
    }

    private static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
