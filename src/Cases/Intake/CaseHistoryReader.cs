using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.Intake;

internal sealed class CaseHistoryReader(CasesDbContext db) : ICaseHistoryReader
{
    public async Task<IReadOnlyList<EarlierCase>> ForBookingAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        var hashes = await db.Cases.Where(c => c.BookingId == bookingId && c.CitizenIdHash != null).Select(c => c.CitizenIdHash)
            .Union(db.Receptions.Where(r => r.BookingId == bookingId && r.CitizenIdHash != null).Select(r => r.CitizenIdHash))
            .ToListAsync(cancellationToken);
        return await ListAsync(db.Cases.Where(c => c.BookingId == bookingId || (c.CitizenIdHash != null && hashes.Contains(c.CitizenIdHash))), cancellationToken);
    }

    public async Task<IReadOnlyList<EarlierCase>> ForCitizenIdNumberAsync(string idNumber, CancellationToken cancellationToken = default)
    {
        var hash = CitizenIdHash.Compute(idNumber);
        return hash is null ? [] : await ListAsync(db.Cases.Where(c => c.CitizenIdHash == hash), cancellationToken);
    }

    public async Task<CitizenCaseStatus?> CitizenStatusAsync(Guid bookingId, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        var linked = db.Links.Where(l => l.Kind == CaseLinkKind.Session && sessionIds.Contains(l.TargetId)).Select(l => l.CaseId);
        var found = await db.Cases.AsNoTracking()
            .Where(c => c.BookingId == bookingId || linked.Contains(c.Id))
            .OrderBy(c => c.ReceivedOn)
            .Select(c => new
            {
                c.Number,
                c.Status,
                c.DecisionNumber,
                Deadlines = c.Deadlines.Where(d => d.Kind != DeadlineKind.ReferralAnswer).OrderBy(d => d.DueDate).Select(d => new { d.Kind, d.DueDate, d.CompletedOn }).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new CitizenCaseStatus(
            found.Number, CaseWorkflow.Label(found.Status), found.DecisionNumber,
            [.. found.Deadlines.Select(d => new CitizenDeadline(d.Kind.ToString(), d.DueDate, d.CompletedOn))]);
    }

    public Task<CaseReference?> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        db.Links.Where(l => l.Kind == CaseLinkKind.Session && l.TargetId == sessionId)
            .Join(db.Cases, l => l.CaseId, c => c.Id, (l, c) => new CaseReference(c.Id, c.Number))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<CaseReference?> FindByNumberAsync(string number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        var wanted = number.Trim();
        return db.Cases.AsNoTracking().Where(c => c.Number == wanted).Select(c => new CaseReference(c.Id, c.Number)).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<EarlierCase>> ListAsync(IQueryable<CaseFile> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking().OrderByDescending(c => c.ReceivedOn)
            .Select(c => new { c.Id, c.Number, c.Kind, c.SubjectArea, c.ReceivedOn, c.Status, c.DecisionNumber })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new EarlierCase(r.Id, r.Number, r.Kind, r.SubjectArea, r.ReceivedOn, CaseWorkflow.Label(r.Status), r.DecisionNumber))];
    }
}
