using DaoVien.OnlineReception.Scheduling.WorkingDays;

namespace DaoVien.OnlineReception.Scheduling.Tests;

public sealed class LunarCalendarTests
{
    [Theory]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2021, "2021-02-12")]
    [InlineData(2022, "2022-02-01")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2007, "2007-02-17")] // new moon 16:14 UTC: 23:14 in Hanoi, the next day in Beijing (China: 18 Feb)
    [InlineData(2030, "2030-02-02")] // likewise one day before the Chinese new year
    public void NewYear_KnownYears_MatchesPublishedTet(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), VietnameseLunarCalendar.NewYear(year));

    [Theory]
    [InlineData(2020, "2020-04-02")] // leap month 4 comes after the target month
    [InlineData(2022, "2022-04-10")]
    [InlineData(2023, "2023-04-29")] // leap month 2 comes before it
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void HungKingsDay_KnownYears_MatchesPublishedDate(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), VietnameseLunarCalendar.HungKingsDay(year));

    [Fact]
    public void Proposals_2027_IncludeTetCompensationAndNationalDayPair()
    {
        var proposals = HolidayProposals.For(2027).ToDictionary(p => p.Date);

        // Tết 2027 starts on Saturday 6 Feb: eve Friday 5 Feb, days 6–9 Feb; Saturday and Sunday are compensated
        // on the next free working days, Wednesday 10 and Thursday 11 Feb.
        foreach (var day in new[] { 5, 6, 7, 8, 9 })
        {
            Assert.Equal(HolidayKind.Lunar, proposals[new DateOnly(2027, 2, day)].Kind);
        }

        Assert.Equal(HolidayKind.Compensatory, proposals[new DateOnly(2027, 2, 10)].Kind);
        Assert.Equal(HolidayKind.Compensatory, proposals[new DateOnly(2027, 2, 11)].Kind);
        // 2 Sep 2027 is a Thursday: the adjacent day is Friday 3 Sep.
        Assert.Contains(new DateOnly(2027, 9, 2), proposals.Keys);
        Assert.Contains(new DateOnly(2027, 9, 3), proposals.Keys);
        Assert.Contains(new DateOnly(2027, 1, 1), proposals.Keys);
        Assert.Contains(new DateOnly(2027, 4, 30), proposals.Keys);
        // 1 May 2027 is a Saturday: compensated on Monday 3 May.
        Assert.Equal(HolidayKind.Compensatory, proposals[new DateOnly(2027, 5, 3)].Kind);
    }
}
