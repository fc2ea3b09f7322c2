using DaoVien.OnlineReception.Cases.Publication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages.Results;

/// <summary>
/// The public results page: only approved publications, which hold the case number, kind, subject area, decision and
/// the staff-reviewed public text — never persons, summaries or anything of a denunciation.
/// </summary>
[AllowAnonymous]
internal sealed class IndexModel(PublicationService publications) : PageModel
{
    public IReadOnlyList<CasePublication> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Results = await publications.ListPublicAsync(cancellationToken);
}
