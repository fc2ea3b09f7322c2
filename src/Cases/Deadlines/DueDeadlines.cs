using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.Deadlines;

/// <summary>An open deadline of a case the caller sees, with the case's number and kind.</summary>
internal sealed record DueDeadline(Guid CaseId, string Number, CaseKind Kind, DeadlineKind Deadline, DateOnly Due);

/// <summary>Open deadlines overdue or due within a horizon, of the cases one actor may open (the deadlines page and the staff's home page).</summary>
internal sealed record DueDeadlines(IReadOnlyList<DueDeadline> Overdue, IReadOnlyList<DueDeadline> DueSoon);

/// <summary>The query behind both pages that list what is due, so the two cannot disagree about which cases one sees.</summary>
internal sealed class DueDeadlineQuery(CasesDbContext db, WardClock clock)
{
    public async Task<DueDeadlines> ListAsync(CaseActor actor, int dueSoonDays, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var horizon = today.AddDays(dueSoonDays);
        var visible = actor.Visible(db.Cases.AsNoTracking()).Select(c => c.Id);
        var rows = await db.Deadlines.AsNoTracking()
            .Where(d => d.CompletedOn == null && d.DueDate <= horizon && visible.Contains(d.CaseId))
            .OrderBy(d => d.DueDate)
            .Select(d => new DueDeadline(d.CaseId, d.Case!.Number, d.Case.Kind, d.Kind, d.DueDate))
            .ToListAsync(cancellationToken);
        return new DueDeadlines([.. rows.Where(r => r.Due < today)], [.. rows.Where(r => r.Due >= today)]);
    }
}
