using DaoVien.OnlineReception.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.ReceptionBook;

/// <summary>The reception book in a date range, in the order receptions happened (row numbers follow that order).</summary>
internal sealed class ReceptionBookQuery(CasesDbContext db)
{
    public const int MaxDays = 366;

    public async Task<IReadOnlyList<ReceptionEntry>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        await db.Receptions.AsNoTracking()
            .Where(r => r.Date >= from && r.Date <= to)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
}
