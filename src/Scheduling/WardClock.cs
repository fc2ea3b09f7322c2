using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling;

/// <summary>The ward's local calendar on top of the injected <see cref="TimeProvider"/>: the one place local ↔ UTC happens.</summary>
internal sealed class WardClock(TimeProvider time, IOptions<WardOptions> ward)
{
    private readonly TimeZoneInfo _zone = ward.Value.TimeZone;

    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    public DateTimeOffset ToInstant(DateOnly date, TimeOnly localTime) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(localTime, DateTimeKind.Unspecified), _zone), TimeSpan.Zero);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);
}
