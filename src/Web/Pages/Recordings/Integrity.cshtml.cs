using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Integrity;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Recordings;

/// <summary>Archives whose files no longer match their manifest (found by the nightly check or on demand).</summary>
[Authorize(Roles = RecordingRoles.Viewers + "," + RecordingRoles.AccessLogReaders)]
internal sealed class IntegrityModel(RecordingsDbContext db, IntegrityVerifier verifier) : PageModel
{
    public IReadOnlyList<Archive> Mismatches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Mismatches = await db.Archives.AsNoTracking().Where(a => a.Integrity == IntegrityState.Mismatch).OrderBy(a => a.SessionStartedAt).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        await verifier.VerifyAllAsync(cancellationToken);
        return RedirectToPage();
    }
}
