using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Registry;

namespace DaoVien.OnlineReception.Cases.Reports;

internal sealed record CountRow(string Key, int Count);

/// <summary>
/// Forwarded letters of one source kind (docs/adr/0085): received in the quarter; reports sent back in the quarter on
/// time and late (result and progress reports, each against the due date in force when it was sent); letters whose
/// result report is still owed at the report date, and how many of those are past their due date.
/// </summary>
internal sealed record ForwardedRow(string Source, int Received, int ReportsOnTime, int ReportsLate, int StillOwed, int StillOwedOverdue);

internal sealed record OverdueRow(Guid CaseId, string CaseNumber, CaseKind Kind, DeadlineKind Deadline, DateOnly DueDate, int DaysOverdue);

/// <summary>The quarterly report to the provincial chairman (figures only: no personal data, no denunciation content).</summary>
internal sealed record QuarterlyReport(
    int Year,
    int Quarter,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    int CasesReceived,
    int Receptions,
    IReadOnlyList<CountRow> ByKind,
    IReadOnlyList<CountRow> ByStatus,
    IReadOnlyList<CountRow> BySubjectArea,
    IReadOnlyList<CountRow> ByChannel,
    IReadOnlyList<CountRow> ReceptionsByChannel,
    int DeadlinesMet,
    int DeadlinesDue,
    IReadOnlyList<OverdueRow> Overdue,
    IReadOnlyList<ForwardedRow> Forwarded,
    QualityFigures Quality)
{
    /// <summary>Share of the deadlines that fell due in the quarter which were met on time; null when none fell due.</summary>
    public decimal? OnTimeRate => DeadlinesDue == 0 ? null : Math.Round(100m * DeadlinesMet / DeadlinesDue, 1);

    public static (DateOnly From, DateOnly To) Range(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var from = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return (from, from.AddMonths(3).AddDays(-1));
    }

    public static (int Year, int Quarter) Of(DateOnly date) => (date.Year, ((date.Month - 1) / 3) + 1);
}
