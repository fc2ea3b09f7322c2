using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages.Calendar;

internal sealed class IndexModel(PublicCalendar calendar, WardClock clock) : PageModel
{
    public DateOnly Month { get; private set; }

    public bool ListView { get; private set; }

    public IReadOnlyList<PublicReceptionDay> Days { get; private set; } = [];

    public async Task OnGetAsync(string? month, string? view, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        Month = DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : new DateOnly(today.Year, today.Month, 1);
        ListView = view == "list";
        Days = await calendar.ListAsync(Month, Month.AddMonths(1).AddDays(-1), cancellationToken);
    }

    public string MonthLink(DateOnly month) => $"/Calendar?month={month:yyyy-MM}" + (ListView ? "&view=list" : "");
}
