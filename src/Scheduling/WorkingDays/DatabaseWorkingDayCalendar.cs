using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.WorkingDays;

internal sealed class DatabaseWorkingDayCalendar(SchedulingDbContext db) : IWorkingDayCalendar
{
    public async Task<WorkingCalendar> LoadAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default)
    {
        var dates = await db.Holidays.AsNoTracking()
            .Where(h => h.Date >= first && h.Date <= last)
            .Select(h => h.Date)
            .ToListAsync(cancellationToken);
        return new WorkingCalendar(dates);
    }
}
