using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Notifications;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>Due-soon and overdue deadlines and report-backs of the cases the user sees, and the user's reminders and alerts.</summary>
[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class DashboardModel(CasesDbContext db, ForwardedLetterService forwarded, WardClock clock) : PageModel
{
    public const int DueSoonDays = 10;

    public sealed record Row(Guid CaseId, string Number, CaseKind Kind, DeadlineKind Deadline, DateOnly Due);

    public IReadOnlyList<Row> Overdue { get; private set; } = [];

    public IReadOnlyList<Row> DueSoon { get; private set; } = [];

    /// <summary>Forwarded letters whose report-back is overdue or due within <see cref="DueSoonDays"/> (docs/adr/0085).</summary>
    public IReadOnlyList<ReportBackDueRow> ReportBacks { get; private set; } = [];

    public IReadOnlyList<CaseNotification> Notifications { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = CaseActor.From(User);
        var today = clock.Today;
        var horizon = today.AddDays(DueSoonDays);
        var visible = actor.Visible(db.Cases.AsNoTracking()).Select(c => c.Id);
        var rows = await db.Deadlines.AsNoTracking()
            .Where(d => d.CompletedOn == null && d.DueDate <= horizon && visible.Contains(d.CaseId))
            .OrderBy(d => d.DueDate)
            .Select(d => new Row(d.CaseId, d.Case!.Number, d.Case.Kind, d.Kind, d.DueDate))
            .ToListAsync(cancellationToken);
        Overdue = [.. rows.Where(r => r.Due < today)];
        DueSoon = [.. rows.Where(r => r.Due >= today)];
        ReportBacks = await forwarded.DueAsync(actor, horizon, cancellationToken);
        if (actor.Id is { } me)
        {
            Notifications = await db.Notifications.AsNoTracking().Where(n => n.RecipientId == me)
                .OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken cancellationToken)
    {
        if (CaseActor.From(User).Id is { } me)
        {
            var now = clock.UtcNow;
            await db.Notifications.Where(n => n.RecipientId == me && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        }

        return RedirectToPage();
    }
}
