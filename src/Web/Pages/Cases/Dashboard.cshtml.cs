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
internal sealed class DashboardModel(CasesDbContext db, DueDeadlineQuery due, ForwardedLetterService forwarded, WardClock clock) : PageModel
{
    public const int DueSoonDays = 10;

    public IReadOnlyList<DueDeadline> Overdue { get; private set; } = [];

    public IReadOnlyList<DueDeadline> DueSoon { get; private set; } = [];

    /// <summary>Forwarded letters whose report-back is overdue or due within <see cref="DueSoonDays"/> (docs/adr/0085).</summary>
    public IReadOnlyList<ReportBackDueRow> ReportBacks { get; private set; } = [];

    public IReadOnlyList<CaseNotification> Notifications { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = CaseActor.From(User);
        var horizon = clock.Today.AddDays(DueSoonDays);
        (Overdue, DueSoon) = await due.ListAsync(actor, DueSoonDays, cancellationToken);
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
