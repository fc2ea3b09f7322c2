using Microsoft.Extensions.Time.Testing;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>The fixed moments the calendar and booking tests run at, so "next Thursday" is always the same day.</summary>
internal static class WardTestDays
{
    /// <summary>
    /// Friday 27 Nov 2026, 08:00 in Hanoi: the published calendar's next reception day is Thursday 3 Dec 2026
    /// (<c>book-2026-12-03</c>, first slots 07:30, 07:50…).
    /// </summary>
    public static FakeTimeProvider FridayMorning() => new(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));
}
