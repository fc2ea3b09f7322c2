using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>Who viewed which denunciation case and when (Admin and Inspector only).</summary>
[Authorize(Roles = CasePageRoles.AccessLogReaders)]
internal sealed class AccessLogModel(CasesDbContext db, WardClock clock) : PageModel
{
    public IReadOnlyList<CaseAccessLogEntry> Entries { get; private set; } = [];

    public TimeZoneInfo Zone => clock.Zone;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await db.AccessLog.AsNoTracking().OrderByDescending(a => a.At).Take(1000).ToListAsync(cancellationToken);
}
