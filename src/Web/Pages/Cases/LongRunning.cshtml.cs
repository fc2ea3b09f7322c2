using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Cases.LongRunning;
using DaoVien.OnlineReception.Cases.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>Sổ theo dõi vụ việc phức tạp, kéo dài: the registered cases the user sees (docs/adr/0087).</summary>
[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class LongRunningModel(LongRunningService register, WardClock clock) : PageModel
{
    public IReadOnlyList<RegisterRow> Rows { get; private set; } = [];

    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await register.ListAsync(CaseActor.From(User), clock.Today, cancellationToken);
}
