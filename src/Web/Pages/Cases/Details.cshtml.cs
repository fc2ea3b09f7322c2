using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Reclassification;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Cases.SecondInstance;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Bookings;
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
    CaseReclassifier reclassifier,
    ForwardedLetterService forwarded,
    SecondInstanceService secondInstance,
    IStaffDirectory directory,
    BookingAttachments attachments,
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

    /// <summary>The files the citizen attached to the booking the case was made from (docs/adr/0095).</summary>
    public IReadOnlyList<AttachmentListing> Attachments { get; private set; } = [];

    /// <summary>Chairman and Inspector choose any kind; others may only turn a case into a denunciation (docs/adr/0084).</summary>
    public bool MayChangeKind { get; private set; }

    public IReadOnlyList<CaseChange> Changes { get; private set; } = [];

    /// <summary>The forwarding record when the case came as a forwarded letter (docs/adr/0085).</summary>
    public ForwardedLetter? Letter { get; private set; }

    public ReportBackState? LetterState { get; private set; }

    /// <summary>The second instance's decision on the ward's first-instance decision (docs/adr/0086).</summary>
    public SecondInstanceResult? SecondInstance { get; private set; }

    public bool ShowsSecondInstance => SecondInstance is not null || SecondInstanceRules.IsWardFirstInstanceDecision(Case);

    public IEnumerable<CaseKind> KindChoices => Case.Kind == CaseKind.Denunciation ? [CaseKind.Denunciation]
        : MayChangeKind ? Enum.GetValues<CaseKind>() : [Case.Kind, CaseKind.Denunciation];

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

    [BindProperty]
    public ReclassifyInput Reclassify { get; set; } = new();

    [BindProperty]
    public ForwardedInput Forwarded { get; set; } = new();

    [BindProperty]
    public ReportBackFormInput ReportBack { get; set; } = new();

    [BindProperty]
    public SecondInstanceFormInput Second { get; set; } = new();

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

        if (file.BookingId is { } booking)
        {
            Attachments = await attachments.ListAsync(booking, cancellationToken);
        }

        CanAssign = actor.SeesAllCases;
        MayChangeKind = actor.MayChangeKind;
        Changes = await reclassifier.ChangesAsync(file.Id, cancellationToken);
        Letter = await forwarded.FindAsync(file.Id, cancellationToken);
        LetterState = Letter is null ? null : ReportBackState.Of(Letter, Letter.Reports, clock.Today, DashboardModel.DueSoonDays);
        SecondInstance = await secondInstance.FindAsync(file.Id, cancellationToken);
        if (CanAssign)
        {
            Assignees = await CaseFormSupport.AssigneesAsync(directory, cancellationToken);
        }

        return Page();
    }

    /// <summary>
    /// An attachment of the case's booking, for whoever may see the case (the same rule as the page); anything else is
    /// refused and logged, and looks like a missing file so that case and file ids cannot be probed.
    /// </summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId, string? download, CancellationToken cancellationToken)
    {
        var actor = CaseActor.From(User);
        var file = await registry.LoadAsync(id, cancellationToken);
        var visible = file is not null && actor.CanSee(file);
        var scope = visible ? AttachmentScope.ForCase(file!.Id, file.BookingId) : AttachmentScope.Nothing(file?.Id);
        var opening = await attachments.OpenAsync(attachmentId, BookingAttachments.WantsDownload(download), scope, AttachmentReader.From(User), cancellationToken);
        if (opening.Status != AttachmentOpeningStatus.Served)
        {
            return NotFound();
        }

        await registry.LogViewAsync(file!, actor, "Xem tệp đính kèm", cancellationToken);
        return BookingAttachments.ToResult(opening, Response);
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

    public async Task<IActionResult> OnPostForwardedAsync(Guid id, CancellationToken cancellationToken) =>
        Done(id, await forwarded.RecordLetterAsync(id, new ForwardedLetterInput(Forwarded.Source, Forwarded.Agency, Forwarded.Reference, Forwarded.LetterDate, Forwarded.ReportDueOn), CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostReportBackAsync(Guid id, CancellationToken cancellationToken) =>
        Done(id, await forwarded.RecordReportAsync(id, new ReportBackInput(ReportBack.Kind, ReportBack.SentOn, ReportBack.OutgoingNumber, ReportBack.Summary, ReportBack.NextDueOn), CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostSecondInstanceAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!TryKind(Second.Outcome, out SecondInstanceOutcome? outcome))
        {
            return Done(id, CaseResult.Fail(CaseErrors.SecondInstanceOutcome));
        }

        return Done(id, await secondInstance.RecordAsync(id, new SecondInstanceInput(Second.Authority, Second.DecisionNumber, Second.DecisionDate, outcome, Second.Note), CaseActor.From(User), cancellationToken));
    }

    public async Task<IActionResult> OnPostReclassifyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!TryKind(Reclassify.Kind, out CaseKind? kind) || !TryKind(Reclassify.Complexity, out CaseComplexity? complexity) || !TryKind(Reclassify.Instance, out ComplaintInstance? instance))
        {
            return Done(id, CaseResult.Fail(CaseErrors.ReclassifyUnknownKind));
        }

        var edits = new List<PersonEdit>();
        foreach (var row in Reclassify.Persons.Where(r => r.Position is not null))
        {
            // A sealed person's row is shown empty: left empty it is not a correction.
            if (row.Remove || !row.Sealed || !row.IsBlank)
            {
                edits.Add(new PersonEdit(row.Position, row.FullName, row.Address, row.IdNumber, row.Phone, row.IsRepresentative, row.Remove));
            }
        }

        if (!Reclassify.New.IsBlank)
        {
            edits.Add(new PersonEdit(null, Reclassify.New.FullName, Reclassify.New.Address, Reclassify.New.IdNumber, Reclassify.New.Phone, Reclassify.New.IsRepresentative));
        }

        var result = await reclassifier.ReclassifyAsync(id, new ReclassifyRequest(Reclassify.Reason, kind, complexity, instance, Reclassify.IsRemoteArea, edits), CaseActor.From(User), cancellationToken);
        return result.Error == CaseErrors.ReclassifyKindNotAllowed ? Forbid() : Done(id, result);
    }

    /// <summary>What a correction row says, in the page's words.</summary>
    public string FieldText(CaseChange change) => change.Field switch
    {
        CaseChangeField.PersonAdded or CaseChangeField.PersonCorrected or CaseChangeField.PersonRemoved => l["Changes.Field." + change.Field, change.Item],
        CaseChangeField.Deadline => l["Changes.Field.Deadline", l["Deadline." + (DeadlineKind)change.Item]],
        _ => l["Changes.Field." + change.Field],
    };

    public string ValueText(CaseChange change, string? value)
    {
        if (value is null)
        {
            return change.Field == CaseChangeField.Deadline ? l["Changes.NoLongerOwed"] : l["Changes.None"];
        }

        return change.Field switch
        {
            _ when change.Sealed && CaseReclassifier.IsPersonField(change.Field) => l["Sealed"],
            CaseChangeField.Kind => l["Kind." + value],
            CaseChangeField.Complexity => l["Complexity." + value],
            CaseChangeField.Instance => l["Instance." + value],
            CaseChangeField.RemoteArea => value == bool.TrueString ? l["Yes"] : l["No"],
            _ => value,
        };
    }

    // Names only: a number or an unknown word is refused, never read as the first kind.
    private static bool TryKind<T>(string? value, out T? parsed)
        where T : struct, Enum
    {
        parsed = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value, StringComparison.Ordinal));
        parsed = name is null ? null : Enum.Parse<T>(name);
        return name is not null;
    }

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

    internal sealed class ForwardedInput
    {
        public ForwardSource Source { get; set; }

        public string? Agency { get; set; }

        public string? Reference { get; set; }

        public DateOnly? LetterDate { get; set; }

        public DateOnly? ReportDueOn { get; set; }
    }

    internal sealed class ReportBackFormInput
    {
        public ReportBackKind Kind { get; set; }

        public DateOnly? SentOn { get; set; }

        public string? OutgoingNumber { get; set; }

        public string? Summary { get; set; }

        public DateOnly? NextDueOn { get; set; }
    }

    internal sealed class SecondInstanceFormInput
    {
        public string? Authority { get; set; }

        public string? DecisionNumber { get; set; }

        public DateOnly? DecisionDate { get; set; }

        /// <summary>By name; empty or unknown is refused, never read as "upheld".</summary>
        public string? Outcome { get; set; }

        public string? Note { get; set; }
    }

    internal sealed class ReclassifyInput
    {
        public string? Kind { get; set; }

        public string? Complexity { get; set; }

        public string? Instance { get; set; }

        public bool? IsRemoteArea { get; set; }

        public string? Reason { get; set; }

        public List<PersonRow> Persons { get; set; } = [];

        public PersonRow New { get; set; } = new();
    }

    internal sealed class PersonRow
    {
        public int? Position { get; set; }

        public bool Sealed { get; set; }

        public string? FullName { get; set; }

        public string? Address { get; set; }

        public string? IdNumber { get; set; }

        public string? Phone { get; set; }

        public bool IsRepresentative { get; set; }

        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(FullName) && string.IsNullOrWhiteSpace(Address) && string.IsNullOrWhiteSpace(IdNumber) && string.IsNullOrWhiteSpace(Phone);
    }
}
