using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

/// <summary>
/// One published day as the public sees it (page, JSON, iCalendar all come from this one query). SubstituteFor is
/// the official published for the day while PresidingOfficial presides in their place (docs/adr/0083).
/// </summary>
internal sealed record PublicReceptionDay(
    Guid Id, DateOnly Date, TimeOnly Start, TimeOnly End, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string PresidingOfficial, string? SubstituteFor, string Place, bool Online, ReceptionDayKind Kind, DateOnly? MovedFrom, string? Reason,
    int FreeSlots, IReadOnlyList<TimeOnly> FreeSlotStarts)
{
    /// <summary>"Name", or "Name (thay Other)" for a substitute: how every view names the presiding official.</summary>
    public string Presiding => PresidingText.Of(PresidingOfficial, SubstituteFor);
}

/// <summary>The one wording of a day's presiding official, substitute or not.</summary>
internal static class PresidingText
{
    public static string Of(string presidingName, string? substituteFor) =>
        substituteFor is null ? presidingName : Messages.Format("Day.InPlaceOf", presidingName, substituteFor);

    public static string Of(ReceptionDay day) => Of(day.PresidingName, day.SubstituteForName);
}

internal sealed class PublicCalendar(SchedulingDbContext db)
{
    public async Task<IReadOnlyList<PublicReceptionDay>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = await db.ReceptionDays.AsNoTracking()
            .Where(d => d.Status == ReceptionDayStatus.Published && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.StartsAt)
            .ToListAsync(cancellationToken);
        var ids = days.Select(d => d.Id).ToList();
        var taken = (await db.Bookings.AsNoTracking()
            .Where(b => ids.Contains(b.ReceptionDayId) && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed))
            .Select(b => new { b.ReceptionDayId, b.SlotStart })
            .ToListAsync(cancellationToken)).ToLookup(b => b.ReceptionDayId, b => b.SlotStart);
        return [.. days.Select(d =>
        {
            var free = ReceptionDaySlots.For(d).Select(s => s.Start).Except(taken[d.Id]).ToList();
            return new PublicReceptionDay(d.Id, d.Date, d.StartTime, d.EndTime, d.StartsAt, d.EndsAt, d.PresidingName, d.SubstituteForName, d.Place, d.Online, d.Kind, d.MovedFrom, d.Reason, free.Count, free);
        })];
    }

    public async Task<PublicReceptionDay?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var day = await db.ReceptionDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return day is null ? null : (await ListAsync(day.Date, day.Date, cancellationToken)).FirstOrDefault(d => d.Id == id);
    }
}
