using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class IndexModel(CasesDbContext db, WardClock clock) : PageModel
{
    public sealed record Row(Guid Id, string Number, CaseKind Kind, CaseChannel Channel, string SubjectArea, CaseStatus Status, DateOnly ReceivedOn, string Persons, DateOnly? NextDue);

    [BindProperty(SupportsGet = true)]
    public CaseStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public DateOnly Today => clock.Today;

    /// <summary>A search or a status narrowed the list: an empty list then means "nothing matches", not "no cases yet".</summary>
    public bool Filtered => Status is not null || !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = CaseActor.From(User).Visible(db.Cases.AsNoTracking());
        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Search never looks into sealed identities (they are ciphertext) nor a denunciation's content.
            var q = Q.Trim();
            query = query.Where(c => c.Number.Contains(q) || c.SubjectArea.Contains(q)
                || (c.Kind != CaseKind.Denunciation && (c.Summary.Contains(q) || c.Persons.Any(p => p.FullName != null && p.FullName.Contains(q)))));
        }

        var rows = await query.OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Number).Take(500)
            .Select(c => new
            {
                c.Id, c.Number, c.Kind, c.Channel, c.SubjectArea, c.Status, c.ReceivedOn,
                Names = c.Persons.OrderBy(p => p.Position).Select(p => p.FullName).ToList(),
                Sealed = c.Persons.Any(p => p.SealedIdentity != null),
                NextDue = c.Deadlines.Where(d => d.CompletedOn == null).Min(d => (DateOnly?)d.DueDate),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(r => new Row(r.Id, r.Number, r.Kind, r.Channel, r.SubjectArea, r.Status, r.ReceivedOn, r.Sealed ? "" : string.Join(", ", r.Names), r.NextDue))];
    }
}
