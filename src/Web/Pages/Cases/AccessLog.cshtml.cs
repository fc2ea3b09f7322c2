using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.ReceptionBook;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>
/// Who viewed which denunciation case, who read or exported the reception book, and who opened (or was refused) a
/// citizen's attachment, and when (Admin and Inspector only; docs/adr/0095).
/// </summary>
[Authorize(Roles = CasePageRoles.AccessLogReaders)]
internal sealed class AccessLogModel(CasesDbContext db, ReceptionBookQuery book, BookingAttachments attachments, WardClock clock) : PageModel
{
    private const int Rows = 1000;

    public IReadOnlyList<CaseAccessLogEntry> Entries { get; private set; } = [];

    public IReadOnlyList<ReceptionBookAccessEntry> BookEntries { get; private set; } = [];

    public IReadOnlyList<AttachmentAccessRow> AttachmentEntries { get; private set; } = [];

    public TimeZoneInfo Zone => clock.Zone;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Entries = await db.AccessLog.AsNoTracking().OrderByDescending(a => a.At).Take(Rows).ToListAsync(cancellationToken);
        BookEntries = await book.AccessLogAsync(Rows, cancellationToken);
        AttachmentEntries = await attachments.RecentAccessesAsync(Rows, cancellationToken);
    }
}
