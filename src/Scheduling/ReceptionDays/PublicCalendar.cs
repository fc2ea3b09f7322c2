using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

/// <summary>One published day as the public sees it (page, JSON, iCalendar all come from this one query).</summary>
internal sealed record PublicReceptionDay(
    Guid Id, DateOnly Date, TimeOnly Start, TimeOnly End, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string PresidingOfficial, string Place, bool Online, ReceptionDayKind Kind, DateOnly? MovedFrom, string? Reason,
    int FreeSlots, IReadOnlyList<TimeOnly> FreeSlotStarts);

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
            return new PublicReceptionDay(d.Id, d.Date, d.StartTime, d.EndTime, d.StartsAt, d.EndsAt, d.PresidingName, d.Place, d.Online, d.Kind, d.MovedFrom, d.Reason, free.Count, free);
        })];
    }

    public async Task<PublicReceptionDay?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var day = await db.ReceptionDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return day is null ? null : (await ListAsync(day.Date, day.Date, cancellationToken)).FirstOrDefault(d => d.Id == id);
    }
}
