using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages.Office.Holidays;

[Authorize(Roles = SchedulingModule.OfficeRoles)]
internal sealed class IndexModel(HolidayService holidays, WardClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken)
    {
        await holidays.AddProposalsAsync(ValidYear(), cancellationToken);
        return RedirectToPage(new { year = ValidYear() });
    }

    public async Task<IActionResult> OnPostConfirmAllAsync(CancellationToken cancellationToken)
    {
        await holidays.ConfirmYearAsync(ValidYear(), cancellationToken);
        return RedirectToPage(new { year = ValidYear() });
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid? id, DateOnly? date, string? name, HolidayKind kind, CancellationToken cancellationToken)
    {
        if (date is not { } d)
        {
            return await FailAsync(SchedulingErrorText.BadDateTime, cancellationToken);
        }

        var outcome = await holidays.SaveAsync(id, d, name, Enum.IsDefined(kind) ? kind : HolidayKind.Other, cancellationToken);
        return outcome.Error is { } error ? await FailAsync(error.Message, cancellationToken) : RedirectToPage(new { year = ValidYear() });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await holidays.DeleteAsync(id, cancellationToken);
        return RedirectToPage(new { year = ValidYear() });
    }

    private int ValidYear() => Year is >= 2000 and <= 2100 ? Year : clock.Today.Year;

    private async Task<IActionResult> FailAsync(string message, CancellationToken cancellationToken)
    {
        Error = message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Year = ValidYear();
        Holidays = await holidays.ListAsync(Year, cancellationToken);
    }
}
