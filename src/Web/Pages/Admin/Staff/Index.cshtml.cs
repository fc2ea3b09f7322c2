using DaoVien.OnlineReception.Scheduling.Staff;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Admin.Staff;

internal sealed class IndexModel(UserManager<StaffUser> users, IStaffDirectory directory, IStringLocalizer<SharedResource> l, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var ids = await users.Users.AsNoTracking().OrderBy(u => u.UserName).Select(u => u.Id).ToListAsync(cancellationToken);
        var members = new List<StaffMember>();
        foreach (var id in ids)
        {
            members.Add((await directory.FindAsync(id, cancellationToken))!);
        }

        Members = members;
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (user.UserName == User.Identity?.Name)
        {
            Message = l["Staff.CannotDisableSelf"];
            return RedirectToPage();
        }

        user.IsDisabled = !user.IsDisabled;
        await users.UpdateAsync(user);
        // A new security stamp ends the disabled account's open sessions at the next cookie validation.
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("Staff account {UserId} disabled={IsDisabled} by {Admin}", user.Id, user.IsDisabled, User.Identity?.Name);
        Message = user.IsDisabled ? l["Staff.DisabledDone", user.UserName!] : l["Staff.EnabledDone", user.UserName!];
        return RedirectToPage();
    }
}
