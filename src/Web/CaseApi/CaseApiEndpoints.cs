using System.Globalization;
using System.Security.Claims;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Reclassification;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Web.Pages.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.CaseApi;

internal sealed record PersonEditJson(int? Position, string? FullName, string? Address, string? IdNumber, string? Phone, bool? IsRepresentative, bool? Remove);

internal sealed record ReclassifyJson(string? Reason, string? Kind, string? Complexity, string? Instance, bool? IsRemoteArea, List<PersonEditJson>? Persons);

internal sealed record ForwardedLetterJson(string? Source, string? Agency, string? Reference, DateOnly? LetterDate, DateOnly? ReportDueOn);

internal sealed record ReportBackJson(string? Kind, DateOnly? SentOn, string? OutgoingNumber, string? Summary, DateOnly? NextDueOn);

/// <summary>
/// The case files' HTTP API. It lives in the host beside the case pages because the case module's errors are keys
/// whose Vietnamese sentences are the pages' (CasesResource); it authorizes exactly as the case pages do: case workers
/// only, and a case the caller may not open answers 404 as an unknown one (docs/adr/0084).
/// </summary>
internal static class CaseApiEndpoints
{
    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder endpoints)
    {
        // Same-site cookie (SameSite=Strict) like the other staff APIs: no antiforgery token for JSON clients.
        var group = endpoints.MapGroup("/api/cases").RequireAuthorization(p => p.RequireRole(CasePageRoles.CaseWorkers.Split(','))).DisableAntiforgery();
        group.MapPost("/{id:guid}/reclassify", async (Guid id, [FromBody] ReclassifyJson body, ClaimsPrincipal user, CaseReclassifier reclassifier, CaseRegistry registry, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
        {
            if (!TryParse<CaseKind>(body.Kind, out var kind) || !TryParse<CaseComplexity>(body.Complexity, out var complexity) || !TryParse<ComplaintInstance>(body.Instance, out var instance))
            {
                return Problem(l, CaseErrors.ReclassifyUnknownKind, "kind");
            }

            var persons = body.Persons?.Select(p => new PersonEdit(p.Position, p.FullName, p.Address, p.IdNumber, p.Phone, p.IsRepresentative ?? false, p.Remove ?? false)).ToList();
            var result = await reclassifier.ReclassifyAsync(id, new ReclassifyRequest(body.Reason, kind, complexity, instance, body.IsRemoteArea, persons), CaseActor.From(user), ct);
            if (!result.Succeeded)
            {
                return Problem(l, result.Error!, null);
            }

            var file = (await registry.LoadAsync(id, ct))!;
            return Results.Ok(new
            {
                id = file.Id,
                number = file.Number,
                kind = file.Kind.ToString(),
                complexity = file.Complexity.ToString(),
                instance = file.Instance.ToString(),
                isRemoteArea = file.IsRemoteArea,
                persons = file.Persons.Count,
                deadlines = file.Deadlines.OrderBy(d => d.Kind).Select(d => new
                {
                    kind = d.Kind.ToString(),
                    dueDate = d.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    completedOn = d.CompletedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    rule = d.Rule,
                }),
            });
        });
        group.MapGet("/{id:guid}/forwarded-letter", async (Guid id, ClaimsPrincipal user, CaseRegistry registry, ForwardedLetterService forwarded, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
        {
            var file = await registry.LoadAsync(id, ct);
            if (file is null || !CaseActor.From(user).CanSee(file))
            {
                return Problem(l, CaseErrors.NotFound, null);
            }

            return await forwarded.FindAsync(id, ct) is { } letter ? Results.Ok(LetterJson(letter, clock.Today)) : Problem(l, CaseErrors.ReportBackNoLetter, null, StatusCodes.Status404NotFound);
        });
        group.MapPut("/{id:guid}/forwarded-letter", async (Guid id, [FromBody] ForwardedLetterJson body, ClaimsPrincipal user, ForwardedLetterService forwarded, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
        {
            if (!TryParse<ForwardSource>(body.Source, out var source) || source is null)
            {
                return Problem(l, CaseErrors.ForwardedSource, "source");
            }

            var result = await forwarded.RecordLetterAsync(id, new ForwardedLetterInput(source.Value, body.Agency, body.Reference, body.LetterDate, body.ReportDueOn), CaseActor.From(user), ct);
            return result.Succeeded ? Results.Ok(LetterJson((await forwarded.FindAsync(id, ct))!, clock.Today)) : Problem(l, result.Error!, null);
        });
        group.MapPost("/{id:guid}/report-backs", async (Guid id, [FromBody] ReportBackJson body, ClaimsPrincipal user, ForwardedLetterService forwarded, WardClock clock, IStringLocalizer<CasesResource> l, CancellationToken ct) =>
        {
            if (!TryParse<ReportBackKind>(body.Kind, out var kind) || kind is null)
            {
                return Problem(l, CaseErrors.ReportBackKind, "kind");
            }

            var result = await forwarded.RecordReportAsync(id, new ReportBackInput(kind.Value, body.SentOn, body.OutgoingNumber, body.Summary, body.NextDueOn), CaseActor.From(user), ct);
            return result.Succeeded ? Results.Ok(LetterJson((await forwarded.FindAsync(id, ct))!, clock.Today)) : Problem(l, result.Error!, null);
        });
        group.MapLongRunningApi();
        group.MapSecondInstanceApi();
        return endpoints;
    }

    private static object LetterJson(ForwardedLetter letter, DateOnly today)
    {
        var state = ReportBackState.Of(letter, letter.Reports, today, DashboardModel.DueSoonDays);
        return new
        {
            source = letter.Source.ToString(),
            agency = letter.Agency,
            reference = letter.Reference,
            letterDate = Date(letter.LetterDate),
            reportDueOn = Date(letter.ReportDueOn),
            status = state.Status.ToString(),
            dueOn = Date(state.DueOn),
            metOn = state.MetOn is { } met ? Date(met) : null,
            metOnTime = state.MetOnTime,
            reports = letter.Reports.OrderBy(r => r.SentOn).Select(r => new
            {
                kind = r.Kind.ToString(),
                sentOn = Date(r.SentOn),
                outgoingNumber = r.OutgoingNumber,
                dueOn = Date(r.DueOn),
                nextDueOn = r.NextDueOn is { } next ? Date(next) : null,
                onTime = r.OnTime,
            }),
        };
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Names only ("Denunciation", any case): a number would pass Enum.TryParse and name a kind nobody chose.
    internal static bool TryParse<T>(string? value, out T? parsed)
        where T : struct, Enum
    {
        parsed = null;
        if (value is null)
        {
            return true;
        }

        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return false;
        }

        parsed = Enum.Parse<T>(name);
        return true;
    }

    internal static IResult Problem(IStringLocalizer<CasesResource> l, string error, string? field, int? statusCode = null)
    {
        var status = statusCode ?? error switch
        {
            CaseErrors.NotFound or CaseErrors.LongRunningStepUnknown => StatusCodes.Status404NotFound,
            CaseErrors.ReclassifyKindNotAllowed => StatusCodes.Status403Forbidden,
            CaseErrors.Concurrency => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        var title = status switch
        {
            StatusCodes.Status404NotFound => "Problem.NotFound",
            StatusCodes.Status403Forbidden => "Problem.Forbidden",
            StatusCodes.Status409Conflict => "Problem.Conflict",
            _ => "Problem.Invalid",
        };
        return Results.Problem(detail: l[error], statusCode: status, title: l[title],
            extensions: new Dictionary<string, object?> { ["error"] = error, ["field"] = field });
    }
}
