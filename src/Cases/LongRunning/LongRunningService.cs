using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Cases.LongRunning;

/// <summary>A line of the register page: the case by number and kind only, never its persons or content.</summary>
internal sealed record RegisterRow(
    Guid CaseId,
    string CaseNumber,
    CaseKind Kind,
    CaseStatus Status,
    string SubjectArea,
    bool IsHotspot,
    string? HotspotReason,
    DateOnly RegisteredOn,
    DateOnly NextReviewOn,
    int OpenSteps,
    int OverdueSteps,
    DateOnly? NextStepDue);

/// <summary>
/// The register of complex and long-running cases (docs/adr/0087). Same authorization as every case edit
/// (<see cref="CaseActor.CanSee"/>; a case the caller may not open is "not found"); each change is a line of the case
/// history; bad input changes nothing and is logged as one line.
/// </summary>
internal sealed class LongRunningService(CasesDbContext db, CaseRegistry registry, IStaffDirectory staff, WardClock clock, ILogger<LongRunningService> logger)
{
    public Task<LongRunningCase?> FindAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.LongRunningCases.AsNoTracking()
            .Include(l => l.Steps.OrderBy(s => s.Position))
            .Include(l => l.Reviews.OrderBy(r => r.ReviewedOn).ThenBy(r => r.RecordedAt))
            .AsSplitQuery()
            .FirstOrDefaultAsync(l => l.CaseId == caseId, cancellationToken);

    /// <summary>Enters a case in the register, or corrects its entry (reason, hotspot flag, next review).</summary>
    public async Task<CaseResult> SaveEntryAsync(Guid caseId, RegisterInput input, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var file = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return Refused(caseId, CaseErrors.NotFound);
        }

        if (LongRunningRules.ValidateEntry(input, clock.Today, out var clean) is { } error)
        {
            return Refused(caseId, error);
        }

        var entry = await db.LongRunningCases.FirstOrDefaultAsync(l => l.CaseId == caseId, cancellationToken);
        if (entry is null)
        {
            // A finished case needs no plan; one registered while open keeps its entry after it closes.
            if (!file.IsOpen)
            {
                return Refused(caseId, CaseErrors.LongRunningCaseClosed);
            }

            entry = new LongRunningCase
            {
                Id = Guid.NewGuid(), CaseId = file.Id, Reason = clean.Reason!, IsHotspot = clean.IsHotspot, HotspotReason = clean.HotspotReason,
                RegisteredOn = clock.Today, NextReviewOn = clean.NextReviewOn!.Value, RegisteredAt = clock.UtcNow, RegisteredBy = actor.Id,
            };
            db.LongRunningCases.Add(entry);
            registry.AddHistory(file, actor, "LongRunningRegistered", string.Create(CultureInfo.InvariantCulture,
                $"Đưa vào sổ theo dõi vụ việc phức tạp, kéo dài{(entry.IsHotspot ? "; có nguy cơ thành điểm nóng" : "")}; rà soát tiếp theo {entry.NextReviewOn:dd/MM/yyyy}"));
        }
        else
        {
            var wasHotspot = entry.IsHotspot;
            entry.Reason = clean.Reason!;
            entry.IsHotspot = clean.IsHotspot;
            entry.HotspotReason = clean.HotspotReason;
            entry.NextReviewOn = clean.NextReviewOn!.Value;
            var flag = (wasHotspot, entry.IsHotspot) switch
            {
                (false, true) => "; gắn cờ nguy cơ điểm nóng",
                (true, false) => "; bỏ cờ nguy cơ điểm nóng",
                _ => "",
            };
            registry.AddHistory(file, actor, "LongRunningUpdated", string.Create(CultureInfo.InvariantCulture,
                $"Sửa thông tin theo dõi vụ việc phức tạp, kéo dài{flag}; rà soát tiếp theo {entry.NextReviewOn:dd/MM/yyyy}"));
        }

        var result = await SaveAsync(caseId, cancellationToken);
        if (result.Succeeded)
        {
            logger.LogInformation("Case {CaseNumber}: long-running register entry saved (hotspot {IsHotspot}, next review {NextReviewOn})", file.Number, entry.IsHotspot, entry.NextReviewOn);
        }

        return result;
    }

    /// <summary>Adds a step to the plan, owned by an active staff member.</summary>
    public async Task<CaseResult> AddStepAsync(Guid caseId, PlanStepInput input, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (file, entry, refusal) = await LoadAsync(caseId, actor, cancellationToken);
        if (refusal is { } refused)
        {
            return refused;
        }

        if (LongRunningRules.ValidateStep(input, clock.Today, entry!.Steps.Count, out var action) is { } error)
        {
            return Refused(caseId, error);
        }

        if (await staff.FindAsync(input.OwnerId!.Value, cancellationToken) is not { IsActive: true } owner || !owner.Roles.Any(r => r != StaffRoles.Admin))
        {
            return Refused(caseId, CaseErrors.LongRunningStepOwner);
        }

        var step = new PlanStep
        {
            Id = Guid.NewGuid(), RegisterId = entry.Id, CaseId = file!.Id, Position = entry.Steps.Select(s => s.Position).DefaultIfEmpty(0).Max() + 1,
            Action = action!, OwnerId = owner.Id, OwnerName = owner.FullName, DueOn = input.DueOn!.Value, AddedAt = clock.UtcNow, AddedBy = actor.Id,
        };
        db.PlanSteps.Add(step);
        registry.AddHistory(file, actor, "PlanStepAdded", string.Create(CultureInfo.InvariantCulture, $"Kế hoạch, bước {step.Position}: {step.Action} — phụ trách {step.OwnerName}, hạn {step.DueOn:dd/MM/yyyy}"));
        var result = await SaveAsync(caseId, cancellationToken);
        if (result.Succeeded)
        {
            logger.LogInformation("Case {CaseNumber}: plan step {Position} added, due {DueOn}", file.Number, step.Position, step.DueOn);
        }

        return result;
    }

    /// <summary>Records that a step is done, with its result; a step is done once.</summary>
    public async Task<CaseResult> CompleteStepAsync(Guid caseId, Guid stepId, StepDoneInput input, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (file, entry, refusal) = await LoadAsync(caseId, actor, cancellationToken);
        if (refusal is { } refused)
        {
            return refused;
        }

        if (entry!.Steps.FirstOrDefault(s => s.Id == stepId) is not { } step)
        {
            return Refused(caseId, CaseErrors.LongRunningStepUnknown);
        }

        if (LongRunningRules.ValidateDone(input, step, entry.RegisteredOn, clock.Today, out var text) is { } error)
        {
            return Refused(caseId, error);
        }

        step.DoneOn = input.DoneOn!.Value;
        step.Result = text;
        registry.AddHistory(file!, actor, "PlanStepDone", string.Create(CultureInfo.InvariantCulture,
            $"Kế hoạch, bước {step.Position} xong ngày {step.DoneOn:dd/MM/yyyy} ({(step.DoneOn <= step.DueOn ? "đúng hạn" : "quá hạn")} {step.DueOn:dd/MM/yyyy}): {step.Result}"));
        var result = await SaveAsync(caseId, cancellationToken);
        if (result.Succeeded)
        {
            logger.LogInformation("Case {CaseNumber}: plan step {Position} done {DoneOn}", file!.Number, step.Position, step.DoneOn);
        }

        return result;
    }

    /// <summary>Records a review and moves the next review date.</summary>
    public async Task<CaseResult> AddReviewAsync(Guid caseId, ReviewInput input, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (file, entry, refusal) = await LoadAsync(caseId, actor, cancellationToken);
        if (refusal is { } refused)
        {
            return refused;
        }

        if (LongRunningRules.ValidateReview(input, entry!.RegisteredOn, clock.Today, out var notes) is { } error)
        {
            return Refused(caseId, error);
        }

        var review = new CaseReview
        {
            Id = Guid.NewGuid(), RegisterId = entry.Id, CaseId = file!.Id, ReviewedOn = input.ReviewedOn!.Value, Notes = notes!,
            NextReviewOn = input.NextReviewOn!.Value, RecordedAt = clock.UtcNow, ReviewedBy = actor.Id, ReviewerName = actor.Name,
        };
        db.CaseReviews.Add(review);
        entry.NextReviewOn = review.NextReviewOn;
        registry.AddHistory(file, actor, "LongRunningReviewed", string.Create(CultureInfo.InvariantCulture, $"Rà soát vụ việc ngày {review.ReviewedOn:dd/MM/yyyy}; rà soát tiếp theo {review.NextReviewOn:dd/MM/yyyy}"));
        var result = await SaveAsync(caseId, cancellationToken);
        if (result.Succeeded)
        {
            logger.LogInformation("Case {CaseNumber}: long-running review on {ReviewedOn}, next {NextReviewOn}", file.Number, review.ReviewedOn, review.NextReviewOn);
        }

        return result;
    }

    /// <summary>The register as <paramref name="actor"/> sees it: hotspots first, then by the next review.</summary>
    public async Task<IReadOnlyList<RegisterRow>> ListAsync(CaseActor actor, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var visible = actor.Visible(db.Cases.AsNoTracking());
        var entries = await db.LongRunningCases.AsNoTracking().Include(l => l.Steps)
            .Join(visible, l => l.CaseId, c => c.Id, (l, c) => new { Entry = l, c.Number, c.Kind, c.Status, c.SubjectArea })
            .ToListAsync(cancellationToken);
        return [.. entries
            .Select(x => new RegisterRow(
                x.Entry.CaseId, x.Number, x.Kind, x.Status, x.SubjectArea, x.Entry.IsHotspot, x.Entry.HotspotReason, x.Entry.RegisteredOn, x.Entry.NextReviewOn,
                x.Entry.Steps.Count(s => s.DoneOn is null), x.Entry.Steps.Count(s => s.IsOverdueOn(today)),
                x.Entry.Steps.Where(s => s.DoneOn is null).Select(s => (DateOnly?)s.DueOn).Min()))
            .OrderByDescending(r => r.IsHotspot).ThenBy(r => r.NextReviewOn).ThenBy(r => r.CaseNumber, StringComparer.Ordinal)];
    }

    private async Task<(CaseFile? File, LongRunningCase? Entry, CaseResult? Refusal)> LoadAsync(Guid caseId, CaseActor actor, CancellationToken cancellationToken)
    {
        var file = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return (null, null, Refused(caseId, CaseErrors.NotFound));
        }

        var entry = await db.LongRunningCases.Include(l => l.Steps).FirstOrDefaultAsync(l => l.CaseId == caseId, cancellationToken);
        return entry is null ? (file, null, Refused(caseId, CaseErrors.LongRunningNotRegistered)) : (file, entry, null);
    }

    private CaseResult Refused(Guid caseId, string error) => CaseEdits.Refused(logger, "Long-running register", caseId, error);

    // Two staff at once (a second register entry, two steps taking one number): the database keeps the first.
    private async Task<CaseResult> SaveAsync(Guid caseId, CancellationToken cancellationToken) =>
        await CaseEdits.TrySaveAsync(db, cancellationToken) ? CaseResult.Ok : Refused(caseId, CaseErrors.Concurrency);
}
