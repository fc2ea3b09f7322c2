using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.WorkingDays;

/// <summary>The editable holiday list: proposals added as unconfirmed, then staff confirm, change or remove.</summary>
internal sealed class HolidayService(SchedulingDbContext db, WardClock clock)
{
    public Task<List<Holiday>> ListAsync(int year, CancellationToken cancellationToken) =>
        db.Holidays.AsNoTracking()
            .Where(h => h.Date >= new DateOnly(year, 1, 1) && h.Date <= new DateOnly(year, 12, 31))
            .OrderBy(h => h.Date)
            .ToListAsync(cancellationToken);

    /// <summary>Adds the year's proposals whose dates are not listed yet (never overwrites what staff entered).</summary>
    public async Task<int> AddProposalsAsync(int year, CancellationToken cancellationToken)
    {
        var existing = (await ListAsync(year, cancellationToken)).Select(h => h.Date).ToHashSet();
        var added = 0;
        foreach (var proposal in HolidayProposals.For(year).Where(p => !existing.Contains(p.Date)))
        {
            db.Holidays.Add(new Holiday { Id = Guid.CreateVersion7(), Date = proposal.Date, Name = proposal.Name, Kind = proposal.Kind, IsConfirmed = false, UpdatedAt = clock.UtcNow });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    public async Task<Outcome<Holiday>> SaveAsync(Guid? id, DateOnly date, string? name, HolidayKind kind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return SchedulingError.Invalid("Holiday.NameRequired", "name");
        }

        var holiday = id is { } existingId ? await db.Holidays.FirstOrDefaultAsync(h => h.Id == existingId, cancellationToken) : null;
        if (id is not null && holiday is null)
        {
            return SchedulingError.NotFound("Holiday.NotFound");
        }

        if (await db.Holidays.AnyAsync(h => h.Date == date && h.Id != id, cancellationToken))
        {
            return SchedulingError.Conflict(Messages.Format("Holiday.DateTaken", date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        }

        holiday ??= db.Holidays.Add(new Holiday { Id = Guid.CreateVersion7(), Name = name }).Entity;
        holiday.Date = date;
        holiday.Name = name.Trim();
        holiday.Kind = kind;
        holiday.IsConfirmed = true;
        holiday.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return holiday;
    }

    public async Task ConfirmYearAsync(int year, CancellationToken cancellationToken) =>
        await db.Holidays.Where(h => h.Date >= new DateOnly(year, 1, 1) && h.Date <= new DateOnly(year, 12, 31) && !h.IsConfirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.IsConfirmed, true).SetProperty(h => h.UpdatedAt, clock.UtcNow), cancellationToken);

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Holidays.Where(h => h.Id == id).ExecuteDeleteAsync(cancellationToken);
}
