using System.Globalization;
using System.Security.Claims;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.SecondInstance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.CaseApi;

internal sealed record SecondInstanceJson(string? Authority, string? DecisionNumber, DateOnly? DecisionDate, string? Outcome, string? Note);

/// <summary>
/// The second-instance result of a complaint the ward decided at first instance (docs/adr/0086), on the case API's
/// group: case workers only, a case the caller may not open is 404 as an unknown one, bad input a Vietnamese
/// ProblemDetails that changes nothing.
/// </summary>
internal static class SecondInstanceEndpoints
{
    public static RouteGroupBuilder MapSecondInstanceApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/second-instance", async (Guid id, ClaimsPrincipal user, CaseRegistry registry, SecondInstanceService results, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
        {
            var file = await registry.LoadAsync(id, ct);
            if (file is null || !CaseActor.From(user).CanSee(file))
            {
                return CaseApiEndpoints.Problem(l, CaseErrors.NotFound, null);
            }

            return await results.FindAsync(id, ct) is { } result
                ? Results.Ok(ResultJson(result, file))
                : CaseApiEndpoints.Problem(l, CaseErrors.SecondInstanceNone, null, StatusCodes.Status404NotFound);
        });
        group.MapPut("/{id:guid}/second-instance", async (Guid id, [FromBody] SecondInstanceJson body, ClaimsPrincipal user, CaseRegistry registry, SecondInstanceService results, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
        {
            if (!CaseApiEndpoints.TryParse<SecondInstanceOutcome>(body.Outcome, out var outcome))
            {
                return CaseApiEndpoints.Problem(l, CaseErrors.SecondInstanceOutcome, "outcome");
            }

            var saved = await results.RecordAsync(id, new SecondInstanceInput(body.Authority, body.DecisionNumber, body.DecisionDate, outcome, body.Note), CaseActor.From(user), ct);
            if (!saved.Succeeded)
            {
                return CaseApiEndpoints.Problem(l, saved.Error!, null);
            }

            return Results.Ok(ResultJson((await results.FindAsync(id, ct))!, (await registry.LoadAsync(id, ct))!));
        });
        return group;
    }

    private static object ResultJson(SecondInstanceResult result, CaseFile file) => new
    {
        authority = result.Authority,
        decisionNumber = result.DecisionNumber,
        decisionDate = Date(result.DecisionDate),
        outcome = result.Outcome.ToString(),
        note = result.Note,
        firstInstanceDecisionNumber = file.DecisionNumber,
        firstInstanceDecisionDate = file.DecisionDate is { } d ? Date(d) : null,
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
