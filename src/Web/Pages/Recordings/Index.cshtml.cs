using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Recordings;

/// <summary>Archives and the archive queue (progress, permanent failures with their error, retry).</summary>
[Authorize(Roles = RecordingRoles.Viewers)]
internal sealed class IndexModel(RecordingsDbContext db, ArchiveQueue queue) : PageModel
{
    public IReadOnlyList<Archive> Archives { get; private set; } = [];

    public IReadOnlyList<ArchiveJob> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Archives = await db.Archives.AsNoTracking().OrderByDescending(a => a.SessionStartedAt).Take(200).ToListAsync(cancellationToken);
        Jobs = await db.Jobs.AsNoTracking().Where(j => j.State != ArchiveJobState.Succeeded).OrderBy(j => j.CreatedAt).Take(200).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        await queue.RetryAsync(id, cancellationToken);
        return RedirectToPage();
    }
}
