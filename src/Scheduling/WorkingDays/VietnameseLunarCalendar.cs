namespace DaoVien.OnlineReception.Scheduling.WorkingDays;

/// <summary>
/// The Vietnamese lunisolar calendar, computed from astronomy at UTC+7 (the rule Vietnam has used since 1968):
/// a month starts on the local day of a new moon; month 11 is the month that contains the December solstice; a
/// year with 13 months between two months 11 repeats the first month after month 11 that contains no major solar
/// term (sun longitude a multiple of 30°). New moons follow Meeus, "Astronomical Algorithms" ch. 49 (main periodic
/// terms, enough for minutes); the sun's apparent longitude follows ch. 25 (low-precision, ~0.01°). Written for
/// this project from those formulas.
/// </summary>
internal static class VietnameseLunarCalendar
{
    private const double SynodicMonth = 29.530588861;
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>First day (solar date) of the lunar new year (Tết) that falls in <paramref name="year"/>.</summary>
    public static DateOnly NewYear(int year) => MonthStart(year, 1);

    /// <summary>Hùng Kings' commemoration day: 10th day of the 3rd lunar month of the lunar year starting in <paramref name="year"/>.</summary>
    public static DateOnly HungKingsDay(int year) => MonthStart(year, 3).AddDays(9);

    /// <summary>
    /// Start of lunar month <paramref name="month"/> (1–10, the regular one, not a leap repeat) of the lunar year
    /// that begins in solar year <paramref name="year"/>.
    /// </summary>
    public static DateOnly MonthStart(int year, int month)
    {
        var previous11 = Month11Start(year - 1);
        var next11 = Month11Start(year);
        var k0 = NewMoonIndexOnOrBefore(previous11);
        var lunations = (int)Math.Round((next11.DayNumber - previous11.DayNumber) / SynodicMonth);
        // Offset of the target month from month 11 of the previous year: 12 → 1, 1 → 2, 2 → 3, 3 → 4, …
        var offset = month + 1;
        if (lunations == 13 && LeapMonthOffset(k0) is { } leap && leap <= offset)
        {
            offset++;
        }

        return LocalDate(NewMoon(k0 + offset));
    }

    /// <summary>Start of month 11 of <paramref name="year"/>: the month that contains the December solstice (local date).</summary>
    internal static DateOnly Month11Start(int year)
    {
        var solstice = SolsticeDate(year);
        var k = NewMoonIndexOnOrBefore(solstice);
        return LocalDate(NewMoon(k));
    }

    /// <summary>Which month after month 11 (1 = the next) is the leap month, in a 13-month year.</summary>
    private static int? LeapMonthOffset(int k11)
    {
        for (var i = 1; i <= 13; i++)
        {
            var start = LocalDate(NewMoon(k11 + i));
            var next = LocalDate(NewMoon(k11 + i + 1));
            if (SolarTermSector(start) == SolarTermSector(next))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The 30° sector of the sun's longitude at the start (local midnight) of <paramref name="date"/>.</summary>
    private static int SolarTermSector(DateOnly date) => (int)Math.Floor(SunLongitude(JulianDay(LocalMidnightUtc(date))) / 30.0);

    private static DateOnly SolsticeDate(int year)
    {
        // The sun reaches 270° between 20 and 23 December; find the local day on which it crosses.
        for (var day = new DateOnly(year, 12, 19); ; day = day.AddDays(1))
        {
            var end = SunLongitude(JulianDay(LocalMidnightUtc(day.AddDays(1))));
            if (end >= 270 && end < 300)
            {
                return day;
            }
        }
    }

    /// <summary>Index k of the last new moon whose local date is on or before <paramref name="date"/>.</summary>
    private static int NewMoonIndexOnOrBefore(DateOnly date)
    {
        // k = 0 is the new moon of 6 January 2000; estimate, then step to the exact one.
        var k = (int)Math.Floor((JulianDay(LocalMidnightUtc(date)) - 2451550.09766) / SynodicMonth) + 1;
        while (LocalDate(NewMoon(k)) > date)
        {
            k--;
        }

        while (LocalDate(NewMoon(k + 1)) <= date)
        {
            k++;
        }

        return k;
    }

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    private static DateTimeOffset LocalMidnightUtc(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>Instant of mean new moon k corrected by the main periodic terms (Meeus 49.1 and table 49.A).</summary>
    internal static DateTimeOffset NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        var jde = 2451550.09766 + SynodicMonth * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t2 * t2;
        var e = 1 - 0.002516 * t - 0.0000074 * t2;
        var m = Radians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
        var mp = Radians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3);
        var f = Radians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3);
        var omega = Radians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
        var correction =
            -0.40720 * Math.Sin(mp)
            + 0.17241 * e * Math.Sin(m)
            + 0.01608 * Math.Sin(2 * mp)
            + 0.01039 * Math.Sin(2 * f)
            + 0.00739 * e * Math.Sin(mp - m)
            - 0.00514 * e * Math.Sin(mp + m)
            + 0.00208 * e * e * Math.Sin(2 * m)
            - 0.00111 * Math.Sin(mp - 2 * f)
            - 0.00057 * Math.Sin(mp + 2 * f)
            + 0.00056 * e * Math.Sin(2 * mp + m)
            - 0.00042 * Math.Sin(3 * mp)
            + 0.00042 * e * Math.Sin(m + 2 * f)
            + 0.00038 * e * Math.Sin(m - 2 * f)
            - 0.00024 * e * Math.Sin(2 * mp - m)
            - 0.00017 * Math.Sin(omega)
            - 0.00007 * Math.Sin(mp + 2 * m)
            + 0.00004 * Math.Sin(2 * mp - 2 * f)
            + 0.00004 * Math.Sin(3 * m)
            + 0.00003 * Math.Sin(mp + m - 2 * f)
            + 0.00003 * Math.Sin(2 * mp + 2 * f)
            - 0.00003 * Math.Sin(mp + m + 2 * f)
            + 0.00003 * Math.Sin(mp - m + 2 * f)
            - 0.00002 * Math.Sin(mp - m - 2 * f)
            - 0.00002 * Math.Sin(3 * mp + m)
            + 0.00002 * Math.Sin(4 * mp);
        var terrestrial = jde + correction;
        return FromJulianDay(terrestrial - DeltaTSeconds(k) / 86400.0);
    }

    /// <summary>Apparent geocentric longitude of the sun in degrees [0, 360) (Meeus ch. 25, low precision).</summary>
    internal static double SunLongitude(double julianDay)
    {
        var t = (julianDay - 2451545.0) / 36525.0;
        var l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
        var m = Radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
        var c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.Sin(m)
                + (0.019993 - 0.000101 * t) * Math.Sin(2 * m)
                + 0.000289 * Math.Sin(3 * m);
        var omega = Radians(125.04 - 1934.136 * t);
        var apparent = l0 + c - 0.00569 - 0.00478 * Math.Sin(omega);
        return ((apparent % 360) + 360) % 360;
    }

    // ΔT = TT − UT, polynomial of Espenak & Meeus for 2005–2050 (about a minute; its error is seconds).
    private static double DeltaTSeconds(int k)
    {
        var y = 2000 + k / 12.3685 - 2000;
        return 62.92 + 0.32217 * y + 0.005589 * y * y;
    }

    internal static double JulianDay(DateTimeOffset instant) => instant.UtcDateTime.ToOADate() + 2415018.5;

    private static DateTimeOffset FromJulianDay(double julianDay) =>
        new(DateTime.SpecifyKind(DateTime.FromOADate(julianDay - 2415018.5), DateTimeKind.Utc));

    private static double Radians(double degrees) => degrees * Math.PI / 180.0;
}
