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
internal sealed class IndexModel(RecordingsDbContext db, ArchiveQueue queue, IArchiveAccessPolicy access) : PageModel
{
    public IReadOnlyList<Archive> Archives { get; private set; } = [];

    public IReadOnlyList<ArchiveJob> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Filtered as the case pages filter cases: only archives whose case (or, unlinked, whose session) the caller may open.
        var recent = await db.Archives.AsNoTracking().OrderByDescending(a => a.SessionStartedAt).Take(2000).ToListAsync(cancellationToken);
        var visible = await access.VisibleAsync(User, [.. recent.Select(a => new ArchiveAccessItem(a.Id, a.SessionId, a.CaseId))], cancellationToken);
        Archives = [.. recent.Where(a => visible.Contains(a.Id)).Take(200)];
        Jobs = await db.Jobs.AsNoTracking().Where(j => j.State != ArchiveJobState.Succeeded).OrderBy(j => j.CreatedAt).Take(200).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        await queue.RetryAsync(id, cancellationToken);
        return RedirectToPage();
    }
}
