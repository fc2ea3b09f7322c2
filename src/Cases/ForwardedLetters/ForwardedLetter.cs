using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling;

namespace DaoVien.OnlineReception.Cases.ForwardedLetters;

/// <summary>Who forwarded a letter to the ward (đơn chuyển đến).</summary>
internal enum ForwardSource
{
    /// <summary>A higher agency (cấp trên): the district, the province, a ministry.</summary>
    HigherAgency = 0,

    /// <summary>A press agency (cơ quan báo chí).</summary>
    Press = 1,

    Other = 2,
}

internal enum ReportBackKind
{
    /// <summary>Báo cáo kết quả: meets the obligation.</summary>
    Result = 0,

    /// <summary>Báo cáo tiến độ: the case is not finished by the due date; carries the next due date (docs/adr/0085).</summary>
    Progress = 1,
}

/// <summary>
/// A case that came as a letter forwarded by a higher agency or the press: their reference and date, and the date by
/// which the ward must report back to them. Only the agency's facts — nothing of the citizen, so nothing of a denouncer.
/// </summary>
internal sealed class ForwardedLetter
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public ForwardSource Source { get; set; }

    public required string Agency { get; set; }

    /// <summary>The agency's number of the forwarding letter (số văn bản); a press referral may have none.</summary>
    public string? Reference { get; set; }

    public DateOnly LetterDate { get; set; }

    /// <summary>Hạn báo cáo kết quả as the agency set it; a progress report moves the current due date (<see cref="ReportBackState"/>).</summary>
    public DateOnly ReportDueOn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? RecordedBy { get; set; }

    public uint Version { get; set; }

    public List<ReportBack> Reports { get; set; } = [];
}

/// <summary>A report the ward sent back to the forwarding agency.</summary>
internal sealed class ReportBack
{
    public Guid Id { get; set; }

    public Guid LetterId { get; set; }

    public Guid CaseId { get; set; }

    public ReportBackKind Kind { get; set; }

    public DateOnly SentOn { get; set; }

    /// <summary>The ward's outgoing number (số công văn đi).</summary>
    public required string OutgoingNumber { get; set; }

    public required string Summary { get; set; }

    /// <summary>The due date in force when it was sent: on time means <see cref="SentOn"/> ≤ this.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>Progress report only: the date by which the next report is due.</summary>
    public DateOnly? NextDueOn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? RecordedBy { get; set; }

    public bool OnTime => SentOn <= DueOn;
}

/// <summary>What staff type for a forwarded letter (at case creation or on the case page).</summary>
internal sealed record ForwardedLetterInput(ForwardSource Source, string? Agency, string? Reference, DateOnly? LetterDate, DateOnly? ReportDueOn);

/// <summary>What staff type for a report sent back.</summary>
internal sealed record ReportBackInput(ReportBackKind Kind, DateOnly? SentOn, string? OutgoingNumber, string? Summary, DateOnly? NextDueOn);

internal static class ForwardedLetterRules
{
    public const int AgencyMax = 300;
    public const int ReferenceMax = 60;
    public const int SummaryMax = 1000;

    /// <summary>Checks and cleans the letter's facts; an error key of <see cref="CaseErrors"/> or null.</summary>
    public static string? Validate(ForwardedLetterInput input, DateOnly today, DateOnly? receivedOn, out ForwardedLetterInput cleaned)
    {
        cleaned = input;
        if (!Enum.IsDefined(input.Source))
        {
            return CaseErrors.ForwardedSource;
        }

        if (!TextInput.TryClean(input.Agency, false, out var agency) || !TextInput.TryClean(input.Reference, false, out var reference))
        {
            return CaseErrors.ForwardedBadText;
        }

        if (string.IsNullOrEmpty(agency) || agency.Length > AgencyMax)
        {
            return CaseErrors.ForwardedAgencyRequired;
        }

        if (reference?.Length > ReferenceMax)
        {
            return CaseErrors.ForwardedReferenceTooLong;
        }

        if (input.LetterDate is not { } letterDate || input.ReportDueOn is not { } due)
        {
            return CaseErrors.ForwardedDatesRequired;
        }

        // The agency's letter comes before the ward receives it, and not from the future.
        if (letterDate > today || (receivedOn is { } received && letterDate > received))
        {
            return CaseErrors.ForwardedLetterDate;
        }

        if (due < letterDate)
        {
            return CaseErrors.ForwardedDueBeforeLetter;
        }

        cleaned = input with { Agency = agency, Reference = string.IsNullOrEmpty(reference) ? null : reference };
        return null;
    }
}
