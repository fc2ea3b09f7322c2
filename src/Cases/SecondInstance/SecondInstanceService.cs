using System.Globalization;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Cases.SecondInstance;

/// <summary>
/// Records what the second instance decided on a complaint the ward decided at first instance (docs/adr/0086). Same
/// authorization as every case edit (<see cref="CaseActor.CanSee"/>; a case the caller may not open is "not found");
/// each change is a line of the case history; bad input changes nothing and is logged as one line.
/// </summary>
internal sealed class SecondInstanceService(CasesDbContext db, CaseRegistry registry, WardClock clock, ILogger<SecondInstanceService> logger)
{
    public Task<SecondInstanceResult?> FindAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.SecondInstanceResults.AsNoTracking().FirstOrDefaultAsync(r => r.CaseId == caseId, cancellationToken);

    /// <summary>Records the result, or corrects the one recorded.</summary>
    public async Task<CaseResult> RecordAsync(Guid caseId, SecondInstanceInput input, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var file = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return Refused(caseId, CaseErrors.NotFound);
        }

        if (SecondInstanceRules.Validate(input, file, clock.Today, out var clean) is { } error)
        {
            return Refused(caseId, error);
        }

        var result = await db.SecondInstanceResults.FirstOrDefaultAsync(r => r.CaseId == caseId, cancellationToken);
        var action = "SecondInstanceCorrected";
        if (result is null)
        {
            result = new SecondInstanceResult { Id = Guid.NewGuid(), CaseId = file.Id, Authority = "", DecisionNumber = "" };
            db.SecondInstanceResults.Add(result);
            action = "SecondInstance";
        }

        result.Authority = clean.Authority!;
        result.DecisionNumber = clean.DecisionNumber!;
        result.DecisionDate = clean.DecisionDate!.Value;
        result.Outcome = clean.Outcome!.Value;
        result.Note = clean.Note;
        result.RecordedAt = clock.UtcNow;
        result.RecordedBy = actor.Id;
        registry.AddHistory(file, actor, action, string.Create(CultureInfo.InvariantCulture,
            $"{(action == "SecondInstance" ? "Kết quả giải quyết lần hai" : "Sửa kết quả giải quyết lần hai")}: {result.Authority}, quyết định số {result.DecisionNumber} ngày {result.DecisionDate:dd/MM/yyyy} — {OutcomeText(result.Outcome)} quyết định giải quyết lần đầu số {file.DecisionNumber}"));
        if (!await CaseEdits.TrySaveAsync(db, cancellationToken))
        {
            // Two staff recording at once: the database kept the first.
            return Refused(caseId, CaseErrors.Concurrency);
        }

        logger.LogInformation("Case {CaseNumber}: second-instance result recorded ({Outcome}, {DecisionDate})", file.Number, result.Outcome, result.DecisionDate);
        return CaseResult.Ok;
    }

    /// <summary>Vietnamese outcome words for data read outside the pages (the case history).</summary>
    public static string OutcomeText(SecondInstanceOutcome outcome) => outcome switch
    {
        SecondInstanceOutcome.Upheld => "giữ nguyên",
        SecondInstanceOutcome.Amended => "sửa đổi",
        _ => "hủy bỏ",
    };

    private CaseResult Refused(Guid caseId, string error) => CaseEdits.Refused(logger, "Second-instance result", caseId, error);
}
