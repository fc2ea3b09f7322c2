using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>
/// A case's entry in the register of complex and long-running cases: reason, hotspot flag, plan steps, reviews
/// (docs/adr/0087). Whoever may open the case; otherwise "not found", as on the case page.
/// </summary>
[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class LongRunningPlanModel(
    CaseRegistry registry,
    LongRunningService register,
    IStaffDirectory directory,
    WardClock clock,
    IStringLocalizer<CasesResource> l) : PageModel
{
    public CaseFile Case { get; private set; } = null!;

    public LongRunningCase? Entry { get; private set; }

    public List<SelectListItem> Owners { get; private set; } = [];

    public DateOnly Today => clock.Today;

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public EntryInput Register { get; set; } = new();

    [BindProperty]
    public StepInput Step { get; set; } = new();

    [BindProperty]
    public DoneInput Done { get; set; } = new();

    [BindProperty]
    public ReviewFormInput Review { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = CaseActor.From(User);
        var file = await registry.LoadAsync(id, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return NotFound();
        }

        Case = file;
        await registry.LogViewAsync(file, actor, "Xem kế hoạch vụ việc phức tạp, kéo dài", cancellationToken);
        Entry = await register.FindAsync(file.Id, cancellationToken);
        Owners = await CaseFormSupport.AssigneesAsync(directory, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken cancellationToken) =>
        Reply(id, await register.SaveEntryAsync(id, new RegisterInput(Register.Reason, Register.IsHotspot, Register.HotspotReason, Register.NextReviewOn), CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostStepAsync(Guid id, CancellationToken cancellationToken) =>
        Reply(id, await register.AddStepAsync(id, new PlanStepInput(Step.Action, Step.OwnerId, Step.DueOn), CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid stepId, CancellationToken cancellationToken) =>
        Reply(id, await register.CompleteStepAsync(id, stepId, new StepDoneInput(Done.DoneOn, Done.Result), CaseActor.From(User), cancellationToken));

    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken cancellationToken) =>
        Reply(id, await register.AddReviewAsync(id, new ReviewInput(Review.ReviewedOn, Review.Notes, Review.NextReviewOn), CaseActor.From(User), cancellationToken));

    private IActionResult Reply(Guid id, CaseResult result)
    {
        if (result.Error == CaseErrors.NotFound)
        {
            return NotFound();
        }

        Message = result.Succeeded ? l["Details.Saved"] : l[result.Error!];
        return RedirectToPage(new { id });
    }

    internal sealed class EntryInput
    {
        public string? Reason { get; set; }

        public bool IsHotspot { get; set; }

        public string? HotspotReason { get; set; }

        public DateOnly? NextReviewOn { get; set; }
    }

    internal sealed class StepInput
    {
        public string? Action { get; set; }

        public Guid? OwnerId { get; set; }

        public DateOnly? DueOn { get; set; }
    }

    internal sealed class DoneInput
    {
        public DateOnly? DoneOn { get; set; }

        public string? Result { get; set; }
    }

    internal sealed class ReviewFormInput
    {
        public DateOnly? ReviewedOn { get; set; }

        public string? Notes { get; set; }

        public DateOnly? NextReviewOn { get; set; }
    }
}
