using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Kernel.Ward;

/// <summary>
/// The ward's local calendar on top of the injected <see cref="TimeProvider"/>: the one place local ↔ UTC happens.
/// Dates the law counts (deadlines, reception days) are ward dates; instants are stored in UTC.
/// </summary>
public sealed class WardClock(TimeProvider time, IOptions<WardOptions> ward)
{
    private readonly TimeZoneInfo _zone = ward.Value.TimeZone;

    /// <summary>The ward's time zone (<see cref="WardOptions.TimeZoneId"/>).</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>The current instant, in UTC.</summary>
    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>Today's date in the ward.</summary>
    public DateOnly Today => LocalDate(time.GetUtcNow());

    /// <summary>The ward date of <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    /// <summary>The instant (UTC) of a ward date and local time.</summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly localTime) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(localTime, DateTimeKind.Unspecified), _zone), TimeSpan.Zero);

    /// <summary><paramref name="instant"/> with the ward's offset, for display.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);
}
