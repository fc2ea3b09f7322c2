namespace DaoVien.OnlineReception.Cases.ForwardedLetters;

internal enum ReportBackStatus
{
    /// <summary>Owed, due later than the due-soon window.</summary>
    Open = 0,

    /// <summary>Owed, due within the due-soon window (today included).</summary>
    DueSoon = 1,

    /// <summary>Owed, and the due date has passed (the day after it, as for every deadline).</summary>
    Overdue = 2,

    /// <summary>A result report was sent: the obligation is met.</summary>
    Met = 3,
}

/// <summary>
/// Where a forwarded letter's report-back stands on a given day (docs/adr/0085): met by a result report; otherwise due
/// on the next due date of the latest progress report, or the agency's date when there is none.
/// </summary>
internal sealed record ReportBackState(ReportBackStatus Status, DateOnly DueOn, DateOnly? MetOn, bool? MetOnTime)
{
    public static ReportBackState Of(ForwardedLetter letter, IEnumerable<ReportBack> reports, DateOnly today, int dueSoonDays)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var ordered = reports.OrderBy(r => r.SentOn).ThenBy(r => r.RecordedAt).ToList();
        if (ordered.FirstOrDefault(r => r.Kind == ReportBackKind.Result) is { } result)
        {
            return new(ReportBackStatus.Met, result.DueOn, result.SentOn, result.OnTime);
        }

        var due = CurrentDue(letter, ordered);
        var status = today > due ? ReportBackStatus.Overdue
            : due.DayNumber - today.DayNumber <= dueSoonDays ? ReportBackStatus.DueSoon
            : ReportBackStatus.Open;
        return new(status, due, null, null);
    }

    /// <summary>The due date now in force: the latest progress report's next due date, else the agency's.</summary>
    public static DateOnly CurrentDue(ForwardedLetter letter, IEnumerable<ReportBack> reports)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return reports.Where(r => r.Kind == ReportBackKind.Progress && r.NextDueOn is not null)
            .OrderBy(r => r.SentOn).ThenBy(r => r.RecordedAt)
            .LastOrDefault()?.NextDueOn ?? letter.ReportDueOn;
    }
}
