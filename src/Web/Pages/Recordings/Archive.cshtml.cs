using System.Security.Claims;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Integrity;
using DaoVien.OnlineReception.Realtime.Recordings.Linking;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Web.Integration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Recordings;

/// <summary>
/// One archive: the player (range requests through the authorized endpoint), files, case links. Every handler first asks
/// whether the caller may open the archive's case; an archive it may not open answers 404, like one that does not exist.
/// </summary>
[Authorize(Roles = RecordingRoles.Viewers)]
internal sealed class ArchiveModel(RecordingsDbContext db, SessionArchiveLinker links, IntegrityVerifier verifier, IArchiveAccessPolicy access, IStringLocalizer<RecordingsResource> r) : PageModel
{
    public Archive? Item { get; private set; }

    public IReadOnlyList<ArchiveLinkEvent> LinkEvents { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Attaches the archive to the case staff name by its number (moved from its current case, if any), on both sides.</summary>
    public async Task<IActionResult> OnPostAttachAsync(Guid id, string? caseNumber, CancellationToken cancellationToken)
    {
        var archive = await FindVisibleAsync(id, cancellationToken);
        if (archive is null)
        {
            return NotFound();
        }

        var attached = await links.AttachByStaffAsync(id, archive.SessionStartedAt, archive.CaseId, caseNumber ?? "", User, StaffId(), cancellationToken);
        Message = attached is null ? r["Archive.NoSuchCase", caseNumber ?? ""] : r["Archive.Attached"];
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDetachAsync(Guid id, CancellationToken cancellationToken)
    {
        var archive = await FindVisibleAsync(id, cancellationToken);
        if (archive is null)
        {
            return NotFound();
        }

        await links.DetachByStaffAsync(id, archive.CaseId, StaffId(), cancellationToken);
        Message = r["Archive.Detached"];
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindVisibleAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        Message = await verifier.VerifyAsync(id, cancellationToken) ?? r["Archive.Verified"];
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>The archive, when it exists and the caller may open it (through its case, as the case pages decide).</summary>
    private async Task<Archive?> FindVisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        var archive = await db.Archives.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return archive is not null && (await access.VisibleAsync(User, [new ArchiveAccessItem(archive.Id, archive.SessionId, archive.CaseId)], cancellationToken)).Contains(id)
            ? archive
            : null;
    }

    private Guid StaffId() => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Item = await db.Archives.AsNoTracking().Include(a => a.Files).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        LinkEvents = await db.LinkEvents.AsNoTracking().Where(e => e.ArchiveId == id).OrderBy(e => e.At).ToListAsync(cancellationToken);
    }
}
