using System.Globalization;
using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.CaseApi;

internal sealed record LongRunningJson(string? Reason, bool? IsHotspot, string? HotspotReason, DateOnly? NextReviewOn);

internal sealed record PlanStepJson(string? Action, Guid? OwnerId, DateOnly? DueOn);

internal sealed record StepDoneJson(DateOnly? DoneOn, string? Result);

internal sealed record ReviewJson(DateOnly? ReviewedOn, string? Notes, DateOnly? NextReviewOn);

/// <summary>
/// The register of complex and long-running cases (docs/adr/0087), on the case API's group: case workers only, a case
/// the caller may not open is 404 as an unknown one, bad input a Vietnamese ProblemDetails that changes nothing.
/// </summary>
internal static class LongRunningEndpoints
{
    public static RouteGroupBuilder MapLongRunningApi(this RouteGroupBuilder group)
    {
        group.MapGet("/long-running", async (ClaimsPrincipal user, LongRunningService register, WardClock clock, CancellationToken ct) =>
        {
            var today = clock.Today;
            var rows = await register.ListAsync(CaseActor.From(user), today, ct);
            return Results.Ok(rows.Select(r => new
            {
                caseId = r.CaseId,
                number = r.CaseNumber,
                kind = r.Kind.ToString(),
                status = r.Status.ToString(),
                isHotspot = r.IsHotspot,
                hotspotReason = r.HotspotReason,
                nextReviewOn = Date(r.NextReviewOn),
                reviewOverdue = today > r.NextReviewOn,
                openSteps = r.OpenSteps,
                overdueSteps = r.OverdueSteps,
                nextStepDue = r.NextStepDue is { } d ? Date(d) : null,
            }));
        });
        group.MapGet("/{id:guid}/long-running", async (Guid id, ClaimsPrincipal user, CaseRegistry registry, LongRunningService register, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
        {
            var file = await registry.LoadAsync(id, ct);
            if (file is null || !CaseActor.From(user).CanSee(file))
            {
                return CaseApiEndpoints.Problem(l, CaseErrors.NotFound, null);
            }

            return await register.FindAsync(id, ct) is { } entry ? Results.Ok(EntryJson(entry, clock.Today)) : CaseApiEndpoints.Problem(l, CaseErrors.LongRunningNotRegistered, null, StatusCodes.Status404NotFound);
        });
        group.MapPut("/{id:guid}/long-running", async (Guid id, [FromBody] LongRunningJson body, ClaimsPrincipal user, LongRunningService register, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
            await Reply(await register.SaveEntryAsync(id, new RegisterInput(body.Reason, body.IsHotspot ?? false, body.HotspotReason, body.NextReviewOn), CaseActor.From(user), ct), id, register, clock, l, ct));
        group.MapPost("/{id:guid}/long-running/steps", async (Guid id, [FromBody] PlanStepJson body, ClaimsPrincipal user, LongRunningService register, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
            await Reply(await register.AddStepAsync(id, new PlanStepInput(body.Action, body.OwnerId, body.DueOn), CaseActor.From(user), ct), id, register, clock, l, ct));
        group.MapPost("/{id:guid}/long-running/steps/{stepId:guid}/done", async (Guid id, Guid stepId, [FromBody] StepDoneJson body, ClaimsPrincipal user, LongRunningService register, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
            await Reply(await register.CompleteStepAsync(id, stepId, new StepDoneInput(body.DoneOn, body.Result), CaseActor.From(user), ct), id, register, clock, l, ct));
        group.MapPost("/{id:guid}/long-running/reviews", async (Guid id, [FromBody] ReviewJson body, ClaimsPrincipal user, LongRunningService register, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
            await Reply(await register.AddReviewAsync(id, new ReviewInput(body.ReviewedOn, body.Notes, body.NextReviewOn), CaseActor.From(user), ct), id, register, clock, l, ct));
        return group;
    }

    private static async Task<IResult> Reply(CaseResult result, Guid id, LongRunningService register, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
        result.Succeeded ? Results.Ok(EntryJson((await register.FindAsync(id, ct))!, clock.Today)) : CaseApiEndpoints.Problem(l, result.Error!, null);

    private static object EntryJson(LongRunningCase entry, DateOnly today) => new
    {
        reason = entry.Reason,
        isHotspot = entry.IsHotspot,
        hotspotReason = entry.HotspotReason,
        registeredOn = Date(entry.RegisteredOn),
        nextReviewOn = Date(entry.NextReviewOn),
        reviewDue = entry.IsReviewDueOn(today),
        steps = entry.Steps.OrderBy(s => s.Position).Select(s => new
        {
            id = s.Id,
            position = s.Position,
            action = s.Action,
            ownerId = s.OwnerId,
            ownerName = s.OwnerName,
            dueOn = Date(s.DueOn),
            doneOn = s.DoneOn is { } done ? Date(done) : null,
            result = s.Result,
            overdue = s.IsOverdueOn(today),
        }),
        reviews = entry.Reviews.OrderBy(r => r.ReviewedOn).Select(r => new
        {
            reviewedOn = Date(r.ReviewedOn),
            notes = r.Notes,
            nextReviewOn = Date(r.NextReviewOn),
            reviewer = r.ReviewerName,
        }),
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
