using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Admin.Staff;

internal sealed class EditModel(UserManager<StaffUser> users, IStringLocalizer<SharedResource> l, ILogger<EditModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public string UserName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.FindByIdAsync(Id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        UserName = user.UserName ?? "";
        Roles = [.. await users.GetRolesAsync(user)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(Id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        var wanted = Roles.Where(StaffRoles.All.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (user.UserName == User.Identity?.Name && !wanted.Contains(StaffRoles.Admin))
        {
            // An admin removing their own Admin role could leave nobody able to manage accounts.
            TempData["Message"] = l["Staff.CannotDropOwnAdmin"].Value;
            return RedirectToPage("Index");
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("Roles of staff account {UserId} set to {Roles} by {Admin}", user.Id, wanted, User.Identity?.Name);
        TempData["Message"] = l["Staff.RolesSaved", user.UserName!].Value;
        return RedirectToPage("Index");
    }
}
