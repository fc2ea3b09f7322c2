using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

internal sealed class ReceptionCalendar(SchedulingDbContext db) : IReceptionCalendar
{
    public async Task<ReceptionDayInfo?> FindAsync(Guid receptionDayId, CancellationToken cancellationToken = default) =>
        await db.ReceptionDays.AsNoTracking().Where(d => d.Id == receptionDayId).Select(d => ToInfo(d)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ReceptionDayInfo>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        await db.ReceptionDays.AsNoTracking()
            .Where(d => d.Status == ReceptionDayStatus.Published && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.StartsAt)
            .Select(d => ToInfo(d))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ReceptionDayInfo>> ListBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        await db.ReceptionDays.AsNoTracking()
            .Where(d => d.Status == ReceptionDayStatus.Published && d.StartsAt < to && from < d.EndsAt)
            .OrderBy(d => d.StartsAt)
            .Select(d => ToInfo(d))
            .ToListAsync(cancellationToken);

    internal static ReceptionDayInfo ToInfo(ReceptionDay d) => new(
        d.Id, d.Date, d.StartTime, d.EndTime, d.StartsAt, d.EndsAt, d.PresidingOfficialId, d.PresidingName, d.Place, d.Online,
        d.Kind == ReceptionDayKind.AdHoc ? ReceptionKind.AdHoc : ReceptionKind.Regular, d.MovedFrom, d.Status == ReceptionDayStatus.Cancelled);
}
