namespace DaoVien.OnlineReception.Scheduling.ReceptionRules;

/// <summary>The dates a rule falls on, before any holiday move (pure, so a year of them is cheap to test).</summary>
internal static class RuleOccurrences
{
    public static IEnumerable<DateOnly> Between(ReceptionRule rule, DateOnly first, DateOnly last)
    {
        var from = first < rule.ValidFrom ? rule.ValidFrom : first;
        var to = rule.ValidTo is { } validTo && validTo < last ? validTo : last;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (Matches(rule, date))
            {
                yield return date;
            }
        }
    }

    public static bool Matches(ReceptionRule rule, DateOnly date) => rule.Recurrence switch
    {
        RecurrenceKind.Weekly => date.DayOfWeek == rule.DayOfWeek,
        RecurrenceKind.MonthlyDayOfMonth => date.Day == rule.DayOfMonth,
        RecurrenceKind.MonthlyNthWeekday => date.DayOfWeek == rule.DayOfWeek && IsNthWeekday(date, rule.WeekOfMonth ?? 1),
        _ => false,
    };

    private static bool IsNthWeekday(DateOnly date, int n) => n == -1
        ? date.AddDays(7).Month != date.Month
        : (date.Day - 1) / 7 + 1 == n;
}
