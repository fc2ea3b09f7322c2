using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Console;

/// <summary>
/// Sessions cut off by a crash of the app, still without an outcome: the presiding official (or an Admin) records it
/// here once, and the session enters the reception book. Chairman/vice-chairman see their own, Admin sees all.
/// </summary>
[Authorize(Roles = StaffRoles.Presiding + "," + StaffRoles.Admin)]
internal sealed class InterruptedModel(CrashedSessionOutcomes outcomes, IArchiveCaseLinks archives, IStringLocalizer<RealtimeResource> s) : PageModel
{
    public IReadOnlyList<InterruptedSession> Sessions { get; private set; } = [];

    /// <summary>The completed archive of each listed session that has one.</summary>
    public IReadOnlyDictionary<Guid, Guid> Archives { get; private set; } = new Dictionary<Guid, Guid>();

    [BindProperty]
    public LateOutcomeInput Input { get; set; } = new();

    /// <summary>Set when the last submission was refused (nothing changed).</summary>
    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public bool IsAdmin => User.IsInRole(StaffRoles.Admin);

    /// <summary>Whether the user may open archives (the recordings pages' roles).</summary>
    public bool CanViewArchives => RecordingRoles.Viewers.Split(',').Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Outcome is not { } outcome)
        {
            Error = s["Interrupted.Error.OutcomeRequired"];
            await LoadAsync(cancellationToken);
            return Page();
        }

        // Who may record it is decided by the session's stored presiding official (or the Admin role), not the form.
        var refused = await outcomes.RecordAsync(
            Input.SessionId, StaffId(), IsAdmin, (SessionOutcome)outcome, Input.Ground is { } g ? (RefusalGround)g : null, Input.Note, cancellationToken);
        if (refused is null)
        {
            Message = s["Interrupted.Recorded"];
            return RedirectToPage();
        }

        Error = refused == LateOutcomeError.NoteTooLong
            ? s["Interrupted.Error.NoteTooLong", SessionOutcomeRules.MaxLateNoteLength]
            : s["Interrupted.Error." + refused];
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Guid StaffId() => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Sessions = await outcomes.ListPendingAsync(IsAdmin ? null : StaffId(), cancellationToken);
        var found = new Dictionary<Guid, Guid>();
        foreach (var session in Sessions)
        {
            if (await archives.FindBySessionAsync(session.SessionId, cancellationToken) is { } archive)
            {
                found[session.SessionId] = archive.ArchiveId;
            }
        }

        Archives = found;
    }

    /// <summary>The outcome form of one session (numbers as the console's end form sends them).</summary>
    internal sealed class LateOutcomeInput
    {
        public Guid SessionId { get; set; }

        public int? Outcome { get; set; }

        public int? Ground { get; set; }

        public string? Note { get; set; }
    }
}
