namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// The real clock moved to a fixed time of the ward's day: it runs at real speed (media, timers and timeouts behave
/// as in life) but a test that books "today" does not depend on the hour CI happens to run it.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    private ShiftedTimeProvider(TimeSpan offset) => _offsetTicks = offset.Ticks;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>A clock that reads <paramref name="wardTime"/> in the ward's zone today, now.</summary>
    public static ShiftedTimeProvider ToWardTime(TimeOnly wardTime, string timeZoneId = "Asia/Ho_Chi_Minh")
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var now = System.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var target = new DateTimeOffset(local.Date + wardTime.ToTimeSpan(), local.Offset);
        return new ShiftedTimeProvider(target - now);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Jumps forward (a quarter of an hour passes in an instant); the clock keeps running at real speed after.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
