using System.Globalization;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Meetings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Office.Meetings;

[Authorize(Roles = SchedulingModule.OfficeRoles)]
internal sealed class IndexModel(SchedulingDbContext db, MeetingService meetings, IStaffDirectory staff, WardClock clock) : PageModel
{
    public IReadOnlyList<Meeting> Meetings { get; private set; } = [];

    public IReadOnlyList<StaffMember> Officials { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public WardClock Clock => clock;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(Guid official, string? title, string? place, DateOnly? date, string? start, string? end, CancellationToken cancellationToken)
    {
        if (!TryInstants(date, start, end, out var startsAt, out var endsAt))
        {
            return await FailAsync(SchedulingErrorText.BadDateTime, cancellationToken);
        }

        var outcome = await meetings.CreateAsync(new MeetingRequest(official, title, place, startsAt, endsAt), cancellationToken);
        return outcome.Error is { } error ? await FailAsync(error.Message, cancellationToken) : Done();
    }

    public async Task<IActionResult> OnPostRescheduleAsync(Guid id, DateOnly? date, string? start, string? end, CancellationToken cancellationToken)
    {
        if (!TryInstants(date, start, end, out var startsAt, out var endsAt))
        {
            return await FailAsync(SchedulingErrorText.BadDateTime, cancellationToken);
        }

        var outcome = await meetings.RescheduleAsync(id, startsAt, endsAt, cancellationToken);
        return outcome.Error is { } error ? await FailAsync(error.Message, cancellationToken) : Done();
    }

    public string Official(Guid id) => Officials.FirstOrDefault(o => o.Id == id)?.FullName ?? id.ToString();

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

    private bool TryInstants(DateOnly? date, string? start, string? end, out DateTimeOffset startsAt, out DateTimeOffset endsAt)
    {
        startsAt = endsAt = default;
        if (date is not { } d
            || !TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)
            || !TimeOnly.TryParseExact(end, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e))
        {
            return false;
        }

        startsAt = clock.ToInstant(d, s);
        endsAt = clock.ToInstant(d, e);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var from = clock.ToInstant(clock.Today.AddDays(-7), TimeOnly.MinValue);
        Meetings = await db.Meetings.AsNoTracking().Where(m => m.EndsAt >= from)
            .OrderByDescending(m => m.NeedsRescheduling).ThenBy(m => m.StartsAt).Take(300).ToListAsync(cancellationToken);
        var all = new List<StaffMember>();
        foreach (var role in StaffRoles.All)
        {
            all.AddRange(await staff.ListInRoleAsync(role, cancellationToken));
        }

        Officials = [.. all.DistinctBy(m => m.Id).OrderBy(m => m.FullName, StringComparer.Ordinal)];
    }
}
