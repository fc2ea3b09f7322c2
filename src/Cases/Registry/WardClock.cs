using DaoVien.OnlineReception.Scheduling;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Cases.Registry;

/// <summary>The ward's local date and time from the injected clock; deadlines are counted in ward dates.</summary>
internal sealed class WardClock(TimeProvider time, IOptions<WardOptions> ward)
{
    public DateTimeOffset UtcNow => time.GetUtcNow();

    public TimeZoneInfo Zone => ward.Value.TimeZone;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), ward.Value.TimeZone).DateTime);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, ward.Value.TimeZone).DateTime);
}
