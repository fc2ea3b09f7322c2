using DaoVien.OnlineReception.Testing;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>
/// The test apps' clock: booking tests failed every evening between 23:00 and 24:00 ward time (16:00–17:00 UTC),
/// when "today" had less than an hour left. This pins when the clock moves and where to.
/// </summary>
public class WardDaytimeClockTests
{
    private static readonly TimeZoneInfo Ward = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [Theory]
    [InlineData("2026-12-04T00:15:00+07:00", "00:00:00")]
    [InlineData("2026-12-04T09:30:00+07:00", "00:00:00")]
    [InlineData("2026-12-04T21:59:59+07:00", "00:00:00")]
    [InlineData("2026-12-04T22:00:00+07:00", "11:00:00")]
    [InlineData("2026-12-04T23:30:00+07:00", "09:30:00")]
    public void OffsetAt_WardEvening_ReadsNextMorningAtNine(string wardNow, string expected)
    {
        var now = DateTimeOffset.Parse(wardNow, System.Globalization.CultureInfo.InvariantCulture);
        var offset = WardDaytimeClock.OffsetAt(now.ToUniversalTime(), Ward);

        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), offset);
        Assert.True(offset >= TimeSpan.Zero, "never moved back");
        var reads = TimeZoneInfo.ConvertTime(now + offset, Ward);
        Assert.True(reads.Hour < 22, $"reads {reads:HH:mm}, a time with the ward's day ahead");
    }
}
