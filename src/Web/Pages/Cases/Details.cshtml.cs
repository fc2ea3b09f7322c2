using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Scheduling.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class DetailsModel(
    CaseRegistry registry,
    IStaffDirectory directory,
    WardClock clock,
    IOptions<DeadlineOptions> deadlineOptions,
    IStringLocalizer<CasesResource> l) : PageModel
{
    public CaseFile Case { get; private set; } = null!;

    public string? AssigneeName { get; private set; }

    public List<SelectListItem> Assignees { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public TimeZoneInfo Zone => clock.Zone;

    public int MaxExtensions => DeadlinePlanner.MaxExtensions(Case.Complexity, deadlineOptions.Value);

    public bool CanAssign { get; private set; }

    public bool CanReferToInvestigation => Case.Status is CaseStatus.Accepted or CaseStatus.UnderResolution;

    public bool CanExtendInitial => Case.Kind == CaseKind.Denunciation && Case.InitialProcessingExtendedOn is null
        && Case.Deadlines.Any(d => d.Kind == DeadlineKind.Acceptance && d.CompletedOn is null && d.DueDate >= Today);

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public TransitionInput Move { get; set; } = new();

    [BindProperty]
    public ExtensionInput Extension { get; set; } = new();

    [BindProperty]
    public DocumentInput Document { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = CaseActor.From(User);
        var file = await registry.LoadAsync(id, cancellationToken);
        // Not found and not allowed look the same: a staff member cannot probe for case ids.
        if (file is null || !actor.CanSee(file))
        {
            return NotFound();
        }

        Case = file;
        await registry.LogViewAsync(file, actor, "Xem hồ sơ", cancellationToken);
        if (file.AssigneeId is { } assignee)
        {
            AssigneeName = (await directory.FindAsync(assignee, cancellationToken))?.FullName;
        }

        CanAssign = actor.SeesAllCases;
        if (CanAssign)
        {
            Assignees = await CaseFormSupport.AssigneesAsync(directory, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, CancellationToken cancellationToken) =>
        Done(id, await registry.TransitionAsync(id, new Transition(
            Move.To, Move.RefusalGround, Move.Agency, Move.DecisionNumber, Move.Date, Move.Complexity, Move.Instance, Move.IsRemoteArea, Move.Note,
            Move.CrimeReferral ? TransferKind.CrimeReferral : TransferKind.CompetentAgency, Move.Reference, Move.AlreadyResolvedCorrectly), CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostExtendInitialAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        Done(id, await registry.ExtendInitialProcessingAsync(id, reason ?? "", CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostReferralAnswerAsync(Guid id, string? answer, DateOnly? on, CancellationToken cancellationToken) =>
        Done(id, await registry.RecordReferralAnswerAsync(id, answer ?? "", on ?? clock.Today, CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid assigneeId, CancellationToken cancellationToken)
    {
        var actor = CaseActor.From(User);
        // Only those who see every case hand cases out; a staff member cannot pass on or take over cases.
        if (!actor.SeesAllCases)
        {
            return Forbid();
        }

        return Done(id, await registry.AssignAsync(id, assigneeId, actor, cancellationToken));
    }

    public async Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken cancellationToken) =>
        Done(id, await registry.ExtendAsync(id, Extension.Days, Extension.DecisionNumber ?? "", Extension.DecisionDate ?? clock.Today, CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostNotifiedAsync(Guid id, DateOnly? on, CancellationToken cancellationToken) =>
        Done(id, await registry.MarkNotifiedAsync(id, on ?? clock.Today, CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostDocumentAsync(Guid id, CancellationToken cancellationToken) =>
        Done(id, await registry.AddDocumentAsync(id, Document.Title ?? "", Document.Reference, Document.Date ?? clock.Today, CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostRecomputeAsync(Guid id, CancellationToken cancellationToken) =>
        Done(id, await registry.RecomputeAsync(id, CaseActor.From(User), cancellationToken));

    private IActionResult Done(Guid id, CaseResult result)
    {
        if (result.Error == CaseErrors.NotFound)
        {
            return NotFound();
        }

        Message = result.Succeeded ? l["Details.Saved"] : l[result.Error!];
        return RedirectToPage(new { id });
    }

    internal sealed class TransitionInput
    {
        public CaseStatus To { get; set; }

        public string? RefusalGround { get; set; }

        public string? Agency { get; set; }

        public string? DecisionNumber { get; set; }

        public DateOnly? Date { get; set; }

        public CaseComplexity? Complexity { get; set; }

        public ComplaintInstance? Instance { get; set; }

        public bool? IsRemoteArea { get; set; }

        public string? Note { get; set; }

        /// <summary>Transfer to the investigation agency: the matter shows signs of a crime.</summary>
        public bool CrimeReferral { get; set; }

        /// <summary>Number of the referral letter, or of the written notice of a ground-3 refusal.</summary>
        public string? Reference { get; set; }

        public bool AlreadyResolvedCorrectly { get; set; }
    }

    internal sealed class ExtensionInput
    {
        public int Days { get; set; }

        public string? DecisionNumber { get; set; }

        public DateOnly? DecisionDate { get; set; }
    }

    internal sealed class DocumentInput
    {
        public string? Title { get; set; }

        public string? Reference { get; set; }

        public DateOnly? Date { get; set; }
    }
}
