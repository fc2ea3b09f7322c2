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

    /// <summary>Đơn vị công tác; empty clears it.</summary>
    [BindProperty]
    public string? Unit { get; set; }

    public string UserName { get; private set; } = "";

    /// <summary>Units other accounts already have, offered so that one unit is not typed two ways.</summary>
    public IReadOnlyList<string> KnownUnits { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.FindByIdAsync(Id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        UserName = user.UserName ?? "";
        Roles = [.. await users.GetRolesAsync(user)];
        Unit = user.Unit;
        KnownUnits = await StaffUnits.KnownAsync(users);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(Id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (!StaffUnits.TryClean(Unit, out var unit))
        {
            // Nothing is saved: the form comes back with the sentence and what was typed.
            UserName = user.UserName ?? "";
            KnownUnits = await StaffUnits.KnownAsync(users);
            Error = l["Staff.UnitInvalid", StaffUnits.MaxLength];
            return Page();
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
        user.Unit = unit;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("Roles of staff account {UserId} set to {Roles}, unit set: {HasUnit}, by {Admin}", user.Id, wanted, unit is not null, User.Identity?.Name);
        TempData["Message"] = l["Staff.RolesSaved", user.UserName!].Value;
        return RedirectToPage("Index");
    }
}
