using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.ReceptionBook;

/// <summary>
/// The reception book in a date range, in the order receptions happened (row numbers follow that order). Every
/// reading is logged with what it returned, in the same call: there is no way to read the book unlogged (docs/adr/0082).
/// </summary>
internal sealed class ReceptionBookQuery(CasesDbContext db, WardClock clock)
{
    public const int MaxDays = 366;

    public async Task<IReadOnlyList<ReceptionEntry>> ReadAsync(DateOnly from, DateOnly to, CaseActor reader, ReceptionBookFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = await db.Receptions.AsNoTracking()
            .Where(r => r.Date >= from && r.Date <= to)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        db.ReceptionBookAccessLog.Add(new ReceptionBookAccessEntry
        {
            ViewerId = reader.Id,
            ViewerName = reader.Name,
            At = clock.UtcNow,
            From = from,
            To = to,
            Format = format,
            Rows = entries.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
        return entries;
    }

    /// <summary>The latest readings, newest first (for those who read the case access log).</summary>
    public async Task<IReadOnlyList<ReceptionBookAccessEntry>> AccessLogAsync(int count, CancellationToken cancellationToken) =>
        await db.ReceptionBookAccessLog.AsNoTracking().OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(count).ToListAsync(cancellationToken);
}
