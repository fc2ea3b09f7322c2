using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling;

namespace DaoVien.OnlineReception.Cases.SecondInstance;

/// <summary>What the second instance did with the ward's first-instance decision (Luật Khiếu nại 2011 Art. 40(2)).</summary>
internal enum SecondInstanceOutcome
{
    /// <summary>Giữ nguyên: the first-instance decision stands.</summary>
    Upheld = 0,

    /// <summary>Sửa đổi: the decision is amended in part.</summary>
    Amended = 1,

    /// <summary>Hủy bỏ: the decision is annulled in part or whole.</summary>
    Annulled = 2,
}

/// <summary>
/// The second-instance decision on a complaint the ward decided at first instance: who decided it (the higher
/// authority), their decision number and date, and whether the ward's decision was upheld, amended or annulled
/// (docs/adr/0086). The ward plan asks that no first-instance decision be amended or annulled; the quarterly report
/// counts them. Only the authority's facts — nothing of the complainant.
/// </summary>
internal sealed class SecondInstanceResult
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The authority that decided the second instance, e.g. "Chủ tịch UBND tỉnh Bắc Ninh".</summary>
    public required string Authority { get; set; }

    public required string DecisionNumber { get; set; }

    public DateOnly DecisionDate { get; set; }

    public SecondInstanceOutcome Outcome { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? RecordedBy { get; set; }

    public uint Version { get; set; }
}

/// <summary>What staff type for a second-instance result (the page and <c>PUT /api/cases/{id}/second-instance</c>).</summary>
internal sealed record SecondInstanceInput(string? Authority, string? DecisionNumber, DateOnly? DecisionDate, SecondInstanceOutcome? Outcome, string? Note);

/// <summary>The rules of a second-instance result, apart from the database so they can be table-tested (docs/adr/0086).</summary>
internal static class SecondInstanceRules
{
    public const int AuthorityMax = 300;
    public const int DecisionNumberMax = 60;
    public const int NoteMax = 1000;

    /// <summary>
    /// A complaint the ward decided at first instance: a complaint, first instance, resolved (or closed after it) with
    /// the ward's decision number and date. A refused, transferred or guided case was never decided by the ward.
    /// </summary>
    public static bool IsWardFirstInstanceDecision(CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Kind == CaseKind.Complaint && file.Instance == ComplaintInstance.First
            && file.Status is CaseStatus.Resolved or CaseStatus.Closed && file.DecisionNumber is not null && file.DecisionDate is not null;
    }

    /// <summary>Checks and cleans a result for <paramref name="file"/>; an error key of <see cref="CaseErrors"/> or null.</summary>
    public static string? Validate(SecondInstanceInput input, CaseFile file, DateOnly today, out SecondInstanceInput cleaned)
    {
        ArgumentNullException.ThrowIfNull(input);
        cleaned = input;
        if (!IsWardFirstInstanceDecision(file))
        {
            return CaseErrors.SecondInstanceNotEligible;
        }

        if (input.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            return CaseErrors.SecondInstanceOutcome;
        }

        if (!TextInput.TryClean(input.Authority, false, out var authority) || !TextInput.TryClean(input.DecisionNumber, false, out var number)
            || !TextInput.TryClean(input.Note, true, out var note))
        {
            return CaseErrors.SecondInstanceBadText;
        }

        if (string.IsNullOrEmpty(authority) || authority.Length > AuthorityMax)
        {
            return CaseErrors.SecondInstanceAuthorityRequired;
        }

        if (string.IsNullOrEmpty(number) || number.Length > DecisionNumberMax)
        {
            return CaseErrors.SecondInstanceNumberRequired;
        }

        if (note?.Length > NoteMax)
        {
            return CaseErrors.SecondInstanceNoteTooLong;
        }

        if (input.DecisionDate is not { } date)
        {
            return CaseErrors.SecondInstanceDateRequired;
        }

        // A decision of the future is not a fact yet; one before the ward's own decision cannot be about it.
        if (date > today)
        {
            return CaseErrors.SecondInstanceDateInFuture;
        }

        if (date < file.DecisionDate!.Value)
        {
            return CaseErrors.SecondInstanceDateBeforeDecision;
        }

        cleaned = input with { Authority = authority, DecisionNumber = number, Note = string.IsNullOrEmpty(note) ? null : note };
        return null;
    }
}
