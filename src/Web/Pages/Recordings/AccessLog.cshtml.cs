using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Playback;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Recordings;

/// <summary>Who viewed or downloaded which recording (Admin, Inspector).</summary>
[Authorize(Roles = RecordingRoles.AccessLogReaders)]
internal sealed class AccessLogModel(RecordingsDbContext db) : PageModel
{
    public IReadOnlyList<ArchiveAccess> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await db.AccessLog.AsNoTracking().OrderByDescending(a => a.At).Take(500).ToListAsync(cancellationToken);
}
