using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>An in-person reception entered by staff: a line of the reception book, and a case when one is accepted.</summary>
[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class ReceptionCreateModel(ICaseIntake intake, WardClock clock, IStringLocalizer<CasesResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
        Input.Date = clock.Today;
        Input.Time = new TimeOnly(8, 0);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var local = Input.Date.ToDateTime(Input.Time);
        var at = new DateTimeOffset(local, clock.Zone.GetUtcOffset(local));
        if (at > clock.UtcNow)
        {
            ModelState.AddModelError(string.Empty, l[CaseErrors.DateInFuture]);
            return Page();
        }

        var actor = CaseActor.From(User);
        var recorded = await intake.RecordReceptionAsync(new ReceptionRecord(
            at, CaseChannel.InPerson, Input.Kind, Input.SubjectArea ?? "", Input.Content ?? "", PersonInput.ToParticipants(Input.Persons),
            Math.Max(1, Input.PeopleCount), Input.Outcome, Input.Outcome == ReceptionOutcome.Refused ? Input.RefusalGround : null,
            Input.GuidedTo, Input.PreviouslyHandledBy, Input.Notes, null, null, actor.Id), cancellationToken);
        if (!recorded.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l[recorded.Error!]);
            return Page();
        }

        if (Input.Outcome == ReceptionOutcome.CaseAccepted)
        {
            var created = await intake.CreateCaseFromReceptionAsync(recorded.Value, actor.Id, cancellationToken);
            if (created.Succeeded)
            {
                return RedirectToPage("/Cases/Details", new { id = created.Value!.CaseId });
            }
        }

        return RedirectToPage("/Cases/Receptions", new { from = Input.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = Input.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }

    internal sealed class InputModel
    {
        public DateOnly Date { get; set; }

        public TimeOnly Time { get; set; }

        public CaseKind Kind { get; set; }

        [Required(ErrorMessage = "Error.SubjectRequired")]
        [StringLength(100)]
        public string? SubjectArea { get; set; }

        [Required(ErrorMessage = "Error.SummaryRequired")]
        [StringLength(4000)]
        public string? Content { get; set; }

        [Range(1, 1000)]
        public int PeopleCount { get; set; } = 1;

        public ReceptionOutcome Outcome { get; set; }

        public ReceptionRefusalGround? RefusalGround { get; set; }

        [StringLength(300)]
        public string? GuidedTo { get; set; }

        [StringLength(300)]
        public string? PreviouslyHandledBy { get; set; }

        [StringLength(2000)]
        public string? Notes { get; set; }

        public List<PersonInput> Persons { get; set; } = PersonInput.Blank();
    }
}
