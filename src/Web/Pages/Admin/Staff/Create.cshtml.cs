using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Admin.Staff;

internal sealed class CreateModel(UserManager<StaffUser> users, IStringLocalizer<SharedResource> l, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.Roles.Any(r => !StaffRoles.All.Contains(r)))
        {
            ModelState.AddModelError(string.Empty, l["Staff.UnknownRole"]);
        }

        if (!StaffUnits.TryClean(Input.Unit, out var unit))
        {
            ModelState.AddModelError(string.Empty, l["Staff.UnitInvalid", StaffUnits.MaxLength]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new StaffUser
        {
            UserName = Input.UserName.Trim(),
            FullName = Input.FullName.Trim(),
            Title = string.IsNullOrWhiteSpace(Input.Title) ? null : Input.Title.Trim(),
            Unit = unit,
            Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim(),
            EmailConfirmed = true,
        };
        var created = await users.CreateAsync(user, Input.Password);
        if (created.Succeeded && Input.Roles.Count > 0)
        {
            created = await users.AddToRolesAsync(user, Input.Roles.Distinct(StringComparer.Ordinal));
        }

        if (created.Succeeded)
        {
            // The administrator knows this password: its owner replaces it at first sign-in (docs/adr/0075).
            created = await users.AddClaimAsync(user, PasswordChange.Required);
        }

        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(string.Empty, l["Identity." + error.Code].ResourceNotFound ? error.Description : l["Identity." + error.Code]);
            }

            return Page();
        }

        logger.LogInformation("Staff account {UserId} created by {Admin}", user.Id, User.Identity?.Name);
        TempData["Message"] = l["Staff.Created", user.UserName].Value;
        return RedirectToPage("Index");
    }

    internal sealed class StaffInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [RegularExpression("^[a-zA-Z0-9._-]{3,50}$", ErrorMessage = "Staff.UserNameFormat")]
        [Display(Name = "Staff.UserName")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200)]
        [Display(Name = "Staff.FullName")]
        public string FullName { get; set; } = "";

        [StringLength(200)]
        public string? Title { get; set; }

        /// <summary>Đơn vị công tác; checked by <see cref="StaffUnits.TryClean"/>.</summary>
        public string? Unit { get; set; }

        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(200)]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "Staff.PasswordLength")]
        [Display(Name = "Staff.Password")]
        public string Password { get; set; } = "";

        public List<string> Roles { get; set; } = [];
    }
}
