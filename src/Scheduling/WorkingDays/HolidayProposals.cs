namespace DaoVien.OnlineReception.Scheduling.WorkingDays;

internal sealed record ProposedHoliday(DateOnly Date, string Name, HolidayKind Kind);

/// <summary>
/// The holidays the app proposes for a year (Labour Code 2019 Art. 112): 1 Jan; Tết (5 days: the last day of the
/// lunar year and the first four of the new one — the government fixes the exact days each year, staff correct
/// them); Hùng Kings day (10/3 lunar); 30 Apr; 1 May; 2 Sep plus one adjacent day (the one that joins the weekend);
/// and a compensatory day on the next working day for each holiday that falls on a Saturday or Sunday.
/// </summary>
internal static class HolidayProposals
{
    public static IReadOnlyList<ProposedHoliday> For(int year)
    {
        var days = new List<ProposedHoliday> { new(new DateOnly(year, 1, 1), Messages.Get("Holiday.NewYear"), HolidayKind.FixedSolar) };
        var tet = VietnameseLunarCalendar.NewYear(year);
        days.Add(new(tet.AddDays(-1), Messages.Get("Holiday.TetEve"), HolidayKind.Lunar));
        for (var i = 0; i < 4; i++)
        {
            days.Add(new(tet.AddDays(i), Messages.Format("Holiday.Tet", i + 1), HolidayKind.Lunar));
        }

        days.Add(new(VietnameseLunarCalendar.HungKingsDay(year), Messages.Get("Holiday.HungKings"), HolidayKind.Lunar));
        days.Add(new(new DateOnly(year, 4, 30), Messages.Get("Holiday.Reunification"), HolidayKind.FixedSolar));
        days.Add(new(new DateOnly(year, 5, 1), Messages.Get("Holiday.Labour"), HolidayKind.FixedSolar));
        var national = new DateOnly(year, 9, 2);
        days.Add(new(national, Messages.Get("Holiday.National"), HolidayKind.FixedSolar));
        // The adjacent day that makes one break with the weekend: Monday–Tuesday or Thursday–Friday style.
        var adjacent = national.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday or DayOfWeek.Friday ? national.AddDays(1) : national.AddDays(-1);
        days.Add(new(adjacent, Messages.Get("Holiday.NationalAdjacent"), HolidayKind.FixedSolar));
        days.Sort((a, b) => a.Date.CompareTo(b.Date));

        var taken = days.Select(d => d.Date).ToHashSet();
        foreach (var holiday in days.Where(d => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).ToList())
        {
            var date = holiday.Date.AddDays(1);
            while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || taken.Contains(date))
            {
                date = date.AddDays(1);
            }

            taken.Add(date);
            days.Add(new(date, Messages.Format("Holiday.Compensatory", holiday.Name), HolidayKind.Compensatory));
        }

        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        return days;
    }
}
