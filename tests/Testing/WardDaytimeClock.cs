namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// The real, running clock, moved forward to the ward's next morning when the ward's day is nearly over (from 22:00 to
/// midnight ward time, 15:00–17:00 UTC): tests that book "today" need an hour left in the ward's day
/// (<see cref="ReceptionBookings"/>), and they are about booking, media or cases, not about the hour CI happens to run
/// them. The rest of the day it is the system clock itself, so the window is as short as it can be: a moved clock
/// disagrees with what other processes stamp (Janus's recordings; see <see cref="ReceptionAppFactory.WithSystemClock"/>).
/// Never moved back: coturn checks TURN credentials' expiry against the machine's real clock, and browsers keep cookies
/// by it. Every test app gets it (<see cref="ReceptionAppFactory"/>); a test that needs another clock replaces it.
/// </summary>
public sealed class WardDaytimeClock : TimeProvider
{
    private readonly TimeSpan _offset;

    private WardDaytimeClock(TimeSpan offset) => _offset = offset;

    /// <summary>How far ahead of the system clock this clock reads (zero during the ward's day).</summary>
    public TimeSpan Offset => _offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public static WardDaytimeClock Create(string timeZoneId = "Asia/Ho_Chi_Minh") =>
        new(OffsetAt(System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)));

    /// <summary>How far the clock is moved at <paramref name="utcNow"/>: to 09:00 of the ward's next morning from 22:00 to midnight, else not.</summary>
    public static TimeSpan OffsetAt(DateTimeOffset utcNow, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var now = TimeZoneInfo.ConvertTime(utcNow, zone);
        if (now.Hour < 22)
        {
            return TimeSpan.Zero;
        }

        var morning = new DateTimeOffset(now.Date.AddDays(1).AddHours(9), now.Offset);
        return morning - now;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
