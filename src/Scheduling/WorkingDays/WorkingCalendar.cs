namespace DaoVien.OnlineReception.Scheduling.WorkingDays;

/// <summary>
/// Working-day arithmetic over a known set of non-working dates (public holidays and compensatory days off).
/// Monday to Friday are working days unless listed (Labour Code 2019). Pure and immutable: load it once with
/// <see cref="IWorkingDayCalendar.LoadAsync"/> and ask it as many questions as needed.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _nonWorkingDays;

    public WorkingCalendar(IEnumerable<DateOnly> nonWorkingDays) => _nonWorkingDays = [.. nonWorkingDays];

    /// <summary>The listed non-working days (holidays) this calendar knows about.</summary>
    public IReadOnlySet<DateOnly> NonWorkingDays => _nonWorkingDays;

    /// <summary>True for Monday–Friday dates that are not a listed holiday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_nonWorkingDays.Contains(date);

    /// <summary>The date itself when it is a working day, else the next working day after it.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="start"/>; the start day itself is not
    /// counted (a letter received on Monday with a 1-working-day limit is due on Tuesday).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                days--;
            }
        }

        return date;
    }

    /// <summary>Working days in (<paramref name="from"/>, <paramref name="to"/>]; negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }
}
