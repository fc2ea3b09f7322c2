using DaoVien.OnlineReception.Cases.Publication;
using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>Redaction review: staff write the public text of a resolved complaint or petition and approve it.</summary>
[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class PublishModel(CaseRegistry registry, PublicationService publications, IStringLocalizer<CasesResource> l) : PageModel
{
    public CaseFile Case { get; private set; } = null!;

    public CasePublication? Publication { get; private set; }

    [BindProperty]
    public string? PublicText { get; set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, bool approve, CancellationToken cancellationToken)
    {
        var result = await publications.SaveAsync(id, PublicText ?? "", approve, CaseActor.From(User), cancellationToken);
        if (result.Error == CaseErrors.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            var text = PublicText;
            await LoadAsync(id, cancellationToken);
            PublicText = text;
            Error = l[result.Error!];
            return Page();
        }

        Message = approve ? l["Publish.Approved"] : l["Publish.Saved"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await publications.WithdrawAsync(id, CaseActor.From(User), cancellationToken);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Message = l["Publish.Withdrawn"];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await registry.LoadAsync(id, cancellationToken);
        if (file is null || !CaseActor.From(User).CanSee(file) || file.Kind == CaseKind.Denunciation)
        {
            return false;
        }

        Case = file;
        Publication = await publications.FindAsync(id, cancellationToken);
        PublicText = Publication?.PublicText;
        return true;
    }
}
