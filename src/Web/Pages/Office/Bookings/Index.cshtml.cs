using System.Globalization;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Office.Bookings;

[Authorize(Roles = SchedulingModule.OfficeRoles)]
internal sealed class IndexModel(SchedulingDbContext db, BookingService bookings, WardClock clock) : PageModel
{
    public DateOnly From { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? from, CancellationToken cancellationToken) => await LoadAsync(from, cancellationToken);

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, string? from, CancellationToken cancellationToken)
    {
        var outcome = await bookings.ConfirmAsync(id, User.Identity?.Name ?? "?", cancellationToken);
        return await AfterAsync(outcome.Error, from, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, string? from, CancellationToken cancellationToken)
    {
        var outcome = await bookings.RejectAsync(id, reason, User.Identity?.Name ?? "?", cancellationToken);
        return await AfterAsync(outcome.Error, from, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(SchedulingError? error, string? from, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            Error = error.Message;
            await LoadAsync(from, cancellationToken);
            return Page();
        }

        Message = "ok";
        return RedirectToPage(new { from });
    }

    private async Task LoadAsync(string? from, CancellationToken cancellationToken)
    {
        From = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : clock.Today;
        var until = From.AddDays(62);
        Rows = await (from b in db.Bookings.AsNoTracking()
                      join d in db.ReceptionDays.AsNoTracking() on b.ReceptionDayId equals d.Id
                      where d.Date >= From && d.Date <= until
                      orderby d.StartsAt, b.SlotStart
                      select new Row(b.Id, b.Code, d.Date, b.SlotStart, b.SlotEnd, b.Status, b.Kind, b.SubjectArea, b.Summary,
                          b.SealedIdentity != null ? null : b.FullName, b.RepresentativeCount, b.Attachments.Count, b.RejectionReason)).ToListAsync(cancellationToken);
    }

    internal sealed record Row(Guid Id, string Code, DateOnly Date, TimeOnly Start, TimeOnly End, BookingStatus Status, MatterKind Kind,
        string SubjectArea, string Summary, string? Name, int People, int Files, string? RejectionReason);
}
