using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Recordings;

/// <summary>
/// Archives and the archive queue (progress, permanent failures with their error, retry). The workers write each job's
/// stage and progress to its row (<see cref="ArchiveQueue.ReportAsync"/>); the page reads them again through
/// <see cref="OnGetStatusAsync"/> every few seconds (js/archive-queue.js) until every job it shows has finished.
/// </summary>
[Authorize(Roles = RecordingRoles.Viewers)]
internal sealed class IndexModel(RecordingsDbContext db, ArchiveQueue queue, IArchiveAccessPolicy access, IStringLocalizer<RecordingsResource> r) : PageModel
{
    /// <summary>As many jobs as the page lists: a status request cannot ask the database for more.</summary>
    private const int MaxJobs = 200;

    public IReadOnlyList<Archive> Archives { get; private set; } = [];

    public IReadOnlyList<ArchiveJob> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Filtered as the case pages filter cases: only archives whose case (or, unlinked, whose session) the caller may open.
        var recent = await db.Archives.AsNoTracking().OrderByDescending(a => a.SessionStartedAt).Take(2000).ToListAsync(cancellationToken);
        var visible = await access.VisibleAsync(User, [.. recent.Select(a => new ArchiveAccessItem(a.Id, a.SessionId, a.CaseId))], cancellationToken);
        Archives = [.. recent.Where(a => visible.Contains(a.Id)).Take(200)];
        Jobs = await db.Jobs.AsNoTracking().Where(j => j.State != ArchiveJobState.Succeeded).OrderBy(j => j.CreatedAt).Take(MaxJobs).ToListAsync(cancellationToken);
    }

    /// <summary>The state of the jobs the page shows (by id, so a job that has just succeeded still answers "done").</summary>
    public async Task<IActionResult> OnGetStatusAsync([FromQuery] Guid[]? ids, CancellationToken cancellationToken)
    {
        var wanted = (ids ?? []).Distinct().Take(MaxJobs).ToList();
        var jobs = await db.Jobs.AsNoTracking().Where(j => wanted.Contains(j.Id)).ToListAsync(cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            summary = Summary(jobs),
            jobs = jobs.Select(j => new
            {
                id = j.Id,
                state = j.State.ToString(),
                finished = Finished(j),
                percent = Percent(j),
                percentText = PercentText(j),
                text = StateText(j),
                attempts = j.Attempts,
                error = j.LastError,
                archive = j.State == ArchiveJobState.Succeeded && j.ArchiveId is { } archiveId ? "/Recordings/Archive?id=" + archiveId.ToString("N") : null,
            }),
        });
    }

    public static bool Finished(ArchiveJob job) => job.State is ArchiveJobState.Succeeded or ArchiveJobState.Failed;

    public static int Percent(ArchiveJob job) => (int)(job.Progress * 100);

    public static string PercentText(ArchiveJob job) => Percent(job) + "%";

    /// <summary>"Đang xử lý (đang dựng video tổng hợp)": the state and, when there is one, the worker's stage in words.</summary>
    public string StateText(ArchiveJob job)
    {
        var state = r["Job." + job.State].Value;
        var stage = job.Stage is null ? null : r["Stage." + job.Stage];
        return stage is null || stage.ResourceNotFound ? state : state + " (" + stage.Value + ")";
    }

    /// <summary>One sentence for the live region: it changes only when a job starts, finishes or fails, not at every percent.</summary>
    public string Summary(IReadOnlyCollection<ArchiveJob> jobs)
    {
        var working = jobs.Count(j => !Finished(j));
        var failed = jobs.Count(j => j.State == ArchiveJobState.Failed);
        return working > 0 ? r["Jobs.Working", working]
            : failed > 0 ? r["Jobs.FinishedWithFailures", failed]
            : r["Jobs.AllDone"];
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        await queue.RetryAsync(id, cancellationToken);
        return RedirectToPage();
    }
}
