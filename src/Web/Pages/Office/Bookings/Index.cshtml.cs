using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Office.Bookings;

[Authorize(Roles = SchedulingModule.OfficeRoles)]
internal sealed class IndexModel(SchedulingDbContext db, BookingService bookings, BookingAttachments attachments, WardClock clock) : PageModel
{
    public DateOnly From { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(DateOnly? from, CancellationToken cancellationToken) => await LoadAsync(from, cancellationToken);

    /// <summary>
    /// An attachment: a plain file inline for viewing, or as a download with <c>download=1</c>; a denunciation's sealed
    /// file only as <c>….sealed</c> bytes for the offline tool (docs/adr/0081). Every access is logged (docs/adr/0095).
    /// </summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, string? download, CancellationToken cancellationToken)
    {
        // The office roles ([Authorize] above) reach every booking's attachments.
        var opening = await attachments.OpenAsync(id, BookingAttachments.WantsDownload(download), AttachmentScope.Office, AttachmentReader.From(User), cancellationToken);
        return opening.Status == AttachmentOpeningStatus.Served ? BookingAttachments.ToResult(opening, Response) : NotFound();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, DateOnly? from, CancellationToken cancellationToken)
    {
        var outcome = await bookings.ConfirmAsync(id, User.Identity?.Name ?? "?", cancellationToken);
        return await AfterAsync(outcome.Error, from, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, DateOnly? from, CancellationToken cancellationToken)
    {
        var outcome = await bookings.RejectAsync(id, reason, User.Identity?.Name ?? "?", cancellationToken);
        return await AfterAsync(outcome.Error, from, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(SchedulingError? error, DateOnly? from, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            Error = error.Message;
            await LoadAsync(from, cancellationToken);
            return Page();
        }

        Message = "ok";
        return RedirectToPage(new { from = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    private async Task LoadAsync(DateOnly? from, CancellationToken cancellationToken)
    {
        From = from ?? clock.Today;
        var until = From.AddDays(62);
        Rows = await (from b in db.Bookings.AsNoTracking()
                      join d in db.ReceptionDays.AsNoTracking() on b.ReceptionDayId equals d.Id
                      where d.Date >= From && d.Date <= until
                      orderby d.StartsAt, b.SlotStart
                      select new Row(b.Id, b.Code, d.Date, b.SlotStart, b.SlotEnd, b.Status, b.Kind, b.SubjectArea, b.Summary,
                          b.SealedIdentity != null ? null : b.FullName, b.RepresentativeCount,
                          b.Attachments.OrderBy(a => a.Id).Select(a => new FileRow(a.Id, a.FileName, a.ContentType, a.Length, a.SealKeyFingerprint != null)).ToList(),
                          b.RejectionReason)).ToListAsync(cancellationToken);
    }

    internal sealed record Row(Guid Id, string Code, DateOnly Date, TimeOnly Start, TimeOnly End, BookingStatus Status, MatterKind Kind,
        string SubjectArea, string Summary, string? Name, int People, IReadOnlyList<FileRow> Files, string? RejectionReason);

    /// <summary>What staff see of an attachment; of a sealed one, that it exists, its type and size.</summary>
    internal sealed record FileRow(Guid Id, string Name, string ContentType, long Length, bool Sealed);
}
