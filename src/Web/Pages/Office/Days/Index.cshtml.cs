using System.Globalization;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Office.Days;

[Authorize(Roles = SchedulingModule.OfficeRoles)]
internal sealed class IndexModel(SchedulingDbContext db, ReceptionDayService days, IStaffDirectory staff, WardClock clock) : PageModel
{
    public IReadOnlyList<ReceptionDay> Days { get; private set; } = [];

    public IReadOnlyDictionary<Guid, int> BookingCounts { get; private set; } = new Dictionary<Guid, int>();

    public IReadOnlyList<StaffMember> Officials { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(DateOnly? date, string? start, string? end, Guid? official, string? place, string? reason, CancellationToken cancellationToken)
    {
        if (date is not { } d || !TryTime(start, out var s) || !TryTime(end, out var e))
        {
            return await FailAsync(Scheduling.SchedulingErrorText.BadDateTime, cancellationToken);
        }

        var outcome = await days.AddAdHocAsync(new AdHocDayRequest(d, s, e, official, place, true, reason), cancellationToken);
        return outcome.Error is { } error ? await FailAsync(error.Message, cancellationToken) : Done();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        var outcome = await days.CancelAsync(id, reason, cancellationToken);
        return outcome.Error is { } error ? await FailAsync(error.Message, cancellationToken) : Done();
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, DateOnly? date, string? start, string? reason, CancellationToken cancellationToken)
    {
        if (date is not { } d)
        {
            return await FailAsync(Scheduling.SchedulingErrorText.BadDateTime, cancellationToken);
        }

        TimeOnly? s = TryTime(start, out var t) ? t : null;
        var outcome = await days.MoveAsync(id, d, s, reason, cancellationToken);
        return outcome.Error is { } error ? await FailAsync(error.Message, cancellationToken) : Done();
    }

    private RedirectToPageResult Done()
    {
        Message = "ok";
        return RedirectToPage();
    }

    private async Task<IActionResult> FailAsync(string message, CancellationToken cancellationToken)
    {
        Error = message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var from = clock.Today.AddDays(-7);
        Days = await db.ReceptionDays.AsNoTracking().Where(d => d.Date >= from).OrderBy(d => d.StartsAt).Take(200).ToListAsync(cancellationToken);
        var ids = Days.Select(d => d.Id).ToList();
        BookingCounts = await db.Bookings.AsNoTracking()
            .Where(b => ids.Contains(b.ReceptionDayId) && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed))
            .GroupBy(b => b.ReceptionDayId).ToDictionaryAsync(g => g.Key, g => g.Count(), cancellationToken);
        Officials = await staff.ListPresidingAsync(cancellationToken);
    }

    /// <summary>Ended days cannot be handed to a substitute any more.</summary>
    public bool IsOver(ReceptionDay day) => day.EndsAt <= clock.UtcNow;

    public string Local(DateTimeOffset instant) => clock.ToLocal(instant).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static bool TryTime(string? value, out TimeOnly time) => TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
