using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>A letter that arrived by post (receptions, online or in person, are entered on the reception book page).</summary>
[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class CreateModel(CaseRegistry registry, IStaffDirectory directory, WardClock clock, IStringLocalizer<CasesResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Assignees { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.ReceivedOn = clock.Today;
        Assignees = await CaseFormSupport.AssigneesAsync(directory, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Assignees = await CaseFormSupport.AssigneesAsync(directory, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var actor = CaseActor.From(User);
        // A staff member who leaves the assignee empty keeps the case (else they could not see what they entered).
        var assignee = Input.AssigneeId ?? (actor.SeesAllCases ? null : actor.Id);
        var (result, file) = await registry.CreateAsync(
            new NewCase(Input.Kind, CaseChannel.Post, Input.SubjectArea ?? "", Input.Summary ?? "", Input.ReceivedOn, PersonInput.ToParticipants(Input.Persons),
                Input.IsGroup, assignee, Input.Instance, Input.Complexity, Input.IsRemoteArea,
                PeopleCount: Input.PeopleCount, LearnedOfDecisionOn: Input.LearnedOfDecisionOn,
                Forwarded: Input.IsForwarded ? new ForwardedLetterInput(Input.ForwardSource, Input.ForwardAgency, Input.ForwardReference, Input.ForwardLetterDate, Input.ReportDueOn) : null),
            actor, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l[result.Error!]);
            return Page();
        }

        if (file!.FilingWindowEndsOn is { } last && file.ReceivedOn > last)
        {
            // A warning, not a refusal (Luật Khiếu nại Art. 9): staff judge whether force majeure stopped the clock.
            TempData["Message"] = l["Create.FilingWindowLate", last.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), file.ReceivedOn.DayNumber - last.DayNumber];
        }

        return RedirectToPage("/Cases/Details", new { id = file.Id });
    }

    internal sealed class InputModel
    {
        public CaseKind Kind { get; set; }

        [Required(ErrorMessage = "Error.SubjectRequired")]
        [StringLength(100)]
        public string? SubjectArea { get; set; }

        [Required(ErrorMessage = "Error.SummaryRequired")]
        [StringLength(4000)]
        public string? Summary { get; set; }

        public DateOnly ReceivedOn { get; set; }

        public bool IsGroup { get; set; }

        /// <summary>How many people the letter speaks for; empty → the persons named.</summary>
        [Range(1, 100_000)]
        public int? PeopleCount { get; set; }

        /// <summary>Complaint: when the complainant learned of the decision (starts the 90-day window).</summary>
        public DateOnly? LearnedOfDecisionOn { get; set; }

        public ComplaintInstance Instance { get; set; }

        public CaseComplexity Complexity { get; set; }

        public bool IsRemoteArea { get; set; }

        public Guid? AssigneeId { get; set; }

        public List<PersonInput> Persons { get; set; } = PersonInput.Blank();

        /// <summary>The letter was forwarded by a higher agency or the press (docs/adr/0085).</summary>
        public bool IsForwarded { get; set; }

        public ForwardSource ForwardSource { get; set; }

        public string? ForwardAgency { get; set; }

        public string? ForwardReference { get; set; }

        public DateOnly? ForwardLetterDate { get; set; }

        public DateOnly? ReportDueOn { get; set; }
    }
}
