using System.Globalization;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Office.Days;

/// <summary>
/// Hands one reception day to a substitute presiding official (docs/adr/0083). The office sees every coming day; a
/// presiding official who does not manage the calendar (a head of unit) sees only the days they preside.
/// </summary>
[Authorize(Roles = SchedulingModule.DelegationRoles)]
internal sealed class PresidingModel(SchedulingDbContext db, DayDelegation delegation, IStaffDirectory staff, WardClock clock, IStringLocalizer<SchedulingResource> s) : PageModel
{
    /// <summary>How many coming days the page lists at most.</summary>
    private const int MaxDays = 60;

    public IReadOnlyList<ReceptionDay> Days { get; private set; } = [];

    public IReadOnlyList<StaffMember> Officials { get; private set; } = [];

    /// <summary>The one day the page was opened for (from the office's day list), or null for all of the caller's.</summary>
    public Guid? DayId { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(Guid? id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? substitute, string? reason, Guid? only, CancellationToken cancellationToken)
    {
        var outcome = await delegation.HandOverAsync(id, substitute, reason, SchedulingModule.DelegationCallerOf(User), cancellationToken);
        if (outcome.Error is { } error)
        {
            Error = error.Message;
            Response.StatusCode = error.Status;
            await LoadAsync(only, cancellationToken);
            return Page();
        }

        var day = outcome.Value!;
        Message = s["Substitute.Done", day.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), day.PresidingName];
        return RedirectToPage(new { id = only });
    }

    public string Local(DateTimeOffset instant) => clock.ToLocal(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private async Task LoadAsync(Guid? id, CancellationToken cancellationToken)
    {
        DayId = id;
        var caller = SchedulingModule.DelegationCallerOf(User);
        var now = clock.UtcNow;
        var days = db.ReceptionDays.AsNoTracking().Where(d => d.Status == ReceptionDayStatus.Published && d.EndsAt > now);
        if (!caller.ManagesCalendar)
        {
            days = days.Where(d => d.PresidingOfficialId == caller.StaffId);
        }

        if (id is { } one)
        {
            days = days.Where(d => d.Id == one);
        }

        Days = await days.OrderBy(d => d.StartsAt).Take(MaxDays).ToListAsync(cancellationToken);
        Officials = Days.Count == 0 ? [] : await staff.ListPresidingAsync(cancellationToken);
    }
}
