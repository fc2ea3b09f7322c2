using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Dialogue;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Live;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>
/// Opens a dialogue session (đối thoại) for a group case (docs/adr/0088): the presiding official states the subject and
/// lists the case's citizens and the outside participants; each gets a one-time link, shown here once with a copy
/// button and e-mailed when an address is given. Then the console holds the session.
/// </summary>
[Authorize(Roles = StaffRoles.Presiding)]
internal sealed class DialogueModel(
    DialogueCases cases,
    DialogueService dialogues,
    IServiceProvider services,
    PublicAddress publicAddress,
    WardClock clock,
    IStringLocalizer<CasesResource> l) : PageModel
{
    /// <summary>Rows of the form: the case's citizens, then the outside participants (within <c>Realtime:MaxDialogueInvitees</c> together).</summary>
    public const int CitizenRows = 5;

    public const int GuestRows = 3;

    public DialogueCase? Case { get; private set; }

    /// <summary>Why no dialogue can be opened for this case, or why the last submission was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>The recording storage is not ready: the official may only go on unrecorded by ticking the choice.</summary>
    public string? RecordingProblem { get; private set; }

    /// <summary>The links just issued, with their absolute address: shown once (only their hashes are stored).</summary>
    public IReadOnlyList<(IssuedLink Link, string Url)> Links { get; private set; } = [];

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public List<InviteeInput> Citizens { get; set; } = [];

    [BindProperty]
    public List<InviteeInput> Guests { get; set; } = [];

    [BindProperty]
    public bool RunUnrecorded { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        Subject = Case?.Summary.Length > DialogueMatter.MaxSubjectLength ? Case.Summary[..DialogueMatter.MaxSubjectLength] : Case?.Summary;
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        if (Case is not { } found)
        {
            Pad();
            return Page();
        }

        // Blank rows are the form's spare lines, not invitees.
        var invitees = Citizens.Where(Filled).Select(c => new DialogueInvitee(InviteeKind.Citizen, c.FullName, null, null, c.Email))
            .Concat(Guests.Where(Filled).Select(g => new DialogueInvitee(InviteeKind.Organisation, g.FullName, g.Organisation, g.Position, g.Email)))
            .ToList();
        try
        {
            var unrecorded = await RecordingCheckAsync(cancellationToken);
            var staffId = CaseActor.From(User).Id!.Value;
            var opened = await dialogues.OpenAsync(staffId, clock.Today, new DialogueMatter(found.CaseId, found.Number, (MatterKind)(int)found.Kind, Subject ?? ""), invitees, unrecorded, cancellationToken);
            await cases.LinkSessionAsync(found.CaseId, opened.SessionId, Subject!.Trim(), CaseActor.From(User), cancellationToken);
            Links = [.. opened.Links.Select(link => (link, publicAddress.Link("/Reception/Join?t=" + Uri.EscapeDataString(link.Token))))];
        }
        catch (HubException ex)
        {
            Error = ex.Message;
            Pad();
        }

        return Page();
    }

    /// <summary>The case and whether a dialogue may be held for it; a 404 result for a case the user may not open.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var (found, error) = await cases.CheckAsync(id, CaseActor.From(User), cancellationToken);
        if (error == CaseErrors.NotFound)
        {
            return NotFound();
        }

        Case = found;
        Error = error is null ? null : l[error].Value;
        return null;
    }

    /// <summary>The storage check of every recorded session: refused with the problem unless the official chose to go on unrecorded.</summary>
    private async Task<string?> RecordingCheckAsync(CancellationToken cancellationToken)
    {
        if (!await SessionRecordingPolicy.BookingRecordsAsync(services, bookingId: null, cancellationToken))
        {
            return null;
        }

        var readiness = await services.GetRequiredService<IRecordingStorage>().CheckReadinessAsync(cancellationToken);
        if (readiness.CanRecord)
        {
            return null;
        }

        if (!RunUnrecorded)
        {
            RecordingProblem = readiness.Problem ?? l["Dialogue.StorageNotReady"];
            throw new HubException(l["Dialogue.StorageNotReady"]);
        }

        return readiness.Problem ?? "storage not ready";
    }

    private static bool Filled(InviteeInput row) =>
        !string.IsNullOrWhiteSpace(row.FullName) || !string.IsNullOrWhiteSpace(row.Organisation) || !string.IsNullOrWhiteSpace(row.Position) || !string.IsNullOrWhiteSpace(row.Email);

    private void Pad()
    {
        Citizens = [.. Citizens.Take(CitizenRows)];
        Guests = [.. Guests.Take(GuestRows)];
        while (Citizens.Count < CitizenRows)
        {
            Citizens.Add(new InviteeInput());
        }

        while (Guests.Count < GuestRows)
        {
            Guests.Add(new InviteeInput());
        }
    }

    internal sealed class InviteeInput
    {
        public string? FullName { get; set; }

        public string? Organisation { get; set; }

        public string? Position { get; set; }

        public string? Email { get; set; }
    }
}
