using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling;

namespace DaoVien.OnlineReception.Cases.LongRunning;

/// <summary>
/// A case entered in the register of complex and long-running cases (sổ theo dõi vụ việc phức tạp, kéo dài; ward plan
/// II.4): why it is there, whether it risks becoming a "điểm nóng", its plan and its reviews (docs/adr/0087). Only what
/// staff type about the matter and the ward's own people — nothing of the citizens, so nothing of a denouncer.
/// </summary>
internal sealed class LongRunningCase
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>Why the case is complex or long-running (nội dung, nguyên nhân).</summary>
    public required string Reason { get; set; }

    public bool IsHotspot { get; set; }

    /// <summary>Why it risks becoming a hotspot; set exactly when <see cref="IsHotspot"/> is.</summary>
    public string? HotspotReason { get; set; }

    public DateOnly RegisteredOn { get; set; }

    /// <summary>The next review of the case and its plan; a review moves it on.</summary>
    public DateOnly NextReviewOn { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public Guid? RegisteredBy { get; set; }

    public uint Version { get; set; }

    public List<PlanStep> Steps { get; set; } = [];

    public List<CaseReview> Reviews { get; set; } = [];

    public bool IsReviewDueOn(DateOnly today) => today >= NextReviewOn;
}

/// <summary>One step of a long-running case's plan (kế hoạch, lộ trình): what, who is responsible, by when, and its result.</summary>
internal sealed class PlanStep
{
    public Guid Id { get; set; }

    public Guid RegisterId { get; set; }

    public Guid CaseId { get; set; }

    public int Position { get; set; }

    public required string Action { get; set; }

    /// <summary>The staff member responsible (phân công trách nhiệm phụ trách).</summary>
    public Guid OwnerId { get; set; }

    /// <summary>The owner's name when the step was planned, so the plan reads the same after accounts change.</summary>
    public required string OwnerName { get; set; }

    public DateOnly DueOn { get; set; }

    public DateOnly? DoneOn { get; set; }

    public string? Result { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public Guid? AddedBy { get; set; }

    /// <summary>Overdue the day after its due date, as every deadline.</summary>
    public bool IsOverdueOn(DateOnly today) => DoneOn is null && today > DueOn;
}

/// <summary>A review of a long-running case (rà soát): what was found, and when the next one is.</summary>
internal sealed class CaseReview
{
    public Guid Id { get; set; }

    public Guid RegisterId { get; set; }

    public Guid CaseId { get; set; }

    public DateOnly ReviewedOn { get; set; }

    public required string Notes { get; set; }

    public DateOnly NextReviewOn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? ReviewedBy { get; set; }

    public required string ReviewerName { get; set; }
}

/// <summary>What staff type to enter a case in the register or correct its entry.</summary>
internal sealed record RegisterInput(string? Reason, bool IsHotspot, string? HotspotReason, DateOnly? NextReviewOn);

/// <summary>A new plan step.</summary>
internal sealed record PlanStepInput(string? Action, Guid? OwnerId, DateOnly? DueOn);

/// <summary>A step done, with its result.</summary>
internal sealed record StepDoneInput(DateOnly? DoneOn, string? Result);

/// <summary>A review held.</summary>
internal sealed record ReviewInput(DateOnly? ReviewedOn, string? Notes, DateOnly? NextReviewOn);

/// <summary>The register's rules, apart from the database so they can be table-tested (docs/adr/0087).</summary>
internal static class LongRunningRules
{
    public const int ReasonMax = 1000;
    public const int HotspotReasonMax = 500;
    public const int ActionMax = 500;
    public const int ResultMax = 1000;
    public const int NotesMax = 2000;

    /// <summary>A plan longer than this is not a plan one can follow; the database holds the same cap.</summary>
    public const int MaxSteps = 30;

    /// <summary>Reviews at least once a year: the ward reports on these cases every quarter (ward plan II.3).</summary>
    public const int MaxDaysToNextReview = 366;

    /// <summary>A step further away than this is not a step of a plan to settle the case.</summary>
    public const int MaxDaysToStepDue = 731;

    /// <summary>Checks and cleans a register entry; an error key of <see cref="CaseErrors"/> or null.</summary>
    public static string? ValidateEntry(RegisterInput input, DateOnly today, out RegisterInput cleaned)
    {
        cleaned = input;
        if (!TextInput.TryClean(input.Reason, true, out var reason) || !TextInput.TryClean(input.HotspotReason, true, out var hotspot))
        {
            return CaseErrors.LongRunningBadText;
        }

        if (string.IsNullOrEmpty(reason) || reason.Length > ReasonMax)
        {
            return CaseErrors.LongRunningReason;
        }

        if (input.IsHotspot && (string.IsNullOrEmpty(hotspot) || hotspot.Length > HotspotReasonMax))
        {
            return CaseErrors.LongRunningHotspotReason;
        }

        if (input.NextReviewOn is not { } next || next < today || next > today.AddDays(MaxDaysToNextReview))
        {
            return CaseErrors.LongRunningNextReview;
        }

        // A reason typed before the flag was cleared is not kept: the flag and its reason go together.
        cleaned = input with { Reason = reason, HotspotReason = input.IsHotspot ? hotspot : null };
        return null;
    }

    public static string? ValidateStep(PlanStepInput input, DateOnly today, int existingSteps, out string? action)
    {
        action = null;
        if (existingSteps >= MaxSteps)
        {
            return CaseErrors.LongRunningTooManySteps;
        }

        if (!TextInput.TryClean(input.Action, true, out action))
        {
            return CaseErrors.LongRunningBadText;
        }

        if (string.IsNullOrEmpty(action) || action.Length > ActionMax)
        {
            return CaseErrors.LongRunningStepAction;
        }

        if (input.OwnerId is null)
        {
            return CaseErrors.LongRunningStepOwner;
        }

        if (input.DueOn is not { } due || due < today || due > today.AddDays(MaxDaysToStepDue))
        {
            return CaseErrors.LongRunningStepDue;
        }

        return null;
    }

    public static string? ValidateDone(StepDoneInput input, PlanStep step, DateOnly registeredOn, DateOnly today, out string? result)
    {
        result = null;
        if (step.DoneOn is not null)
        {
            return CaseErrors.LongRunningStepAlreadyDone;
        }

        if (!TextInput.TryClean(input.Result, true, out result))
        {
            return CaseErrors.LongRunningBadText;
        }

        if (string.IsNullOrEmpty(result) || result.Length > ResultMax)
        {
            return CaseErrors.LongRunningStepResult;
        }

        if (input.DoneOn is not { } done || done > today || done < registeredOn)
        {
            return CaseErrors.LongRunningStepDoneOn;
        }

        return null;
    }

    public static string? ValidateReview(ReviewInput input, DateOnly registeredOn, DateOnly today, out string? notes)
    {
        notes = null;
        if (!TextInput.TryClean(input.Notes, true, out notes))
        {
            return CaseErrors.LongRunningBadText;
        }

        if (string.IsNullOrEmpty(notes) || notes.Length > NotesMax)
        {
            return CaseErrors.LongRunningReviewNotes;
        }

        if (input.ReviewedOn is not { } reviewed || reviewed > today || reviewed < registeredOn)
        {
            return CaseErrors.LongRunningReviewedOn;
        }

        if (input.NextReviewOn is not { } next || next <= reviewed || next < today || next > today.AddDays(MaxDaysToNextReview))
        {
            return CaseErrors.LongRunningNextReview;
        }

        return null;
    }
}
