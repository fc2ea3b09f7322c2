using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Web.Hosting;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Pages.Account;

/// <summary>A staff member changes their own password; forced while it is one someone else chose (docs/adr/0075).</summary>
[Authorize]
internal sealed partial class PasswordModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    IOptions<ReceptionHostOptions> host,
    IStringLocalizer<SharedResource> l,
    ILogger<PasswordModel> logger) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Required => PasswordChange.IsRequired(User);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(Input.ConfirmPassword), l["Password.Mismatch"]);
            return Page();
        }

        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError(nameof(Input.NewPassword), l["Password.Same"]);
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var changed = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Code == "PasswordMismatch" ? l["Password.WrongCurrent"]
                    : l["Identity." + error.Code].ResourceNotFound ? error.Description : l["Identity." + error.Code]);
            }

            return Page();
        }

        await users.RemoveClaimsAsync(user, (await users.GetClaimsAsync(user)).Where(c => c.Type == PasswordChange.ClaimType));
        if (user.UserName == AdminBootstrapper.AdminUserName)
        {
            // The generated first password is no longer valid: its copy on disk goes.
            var file = Path.Combine(ReceptionHostOptions.ResolveDataDirectory(host.Value.DataDirectory), AdminBootstrapper.PasswordFileName);
            System.IO.File.Delete(file);
        }

        // ChangePasswordAsync renewed the security stamp: other sessions of this account end; this one is re-issued.
        await signIn.RefreshSignInAsync(user);
        PasswordChanged(logger, user.Id);
        TempData["Message"] = l["Password.Changed"].Value;
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "Staff account {UserId} changed its own password")]
    private static partial void PasswordChanged(ILogger logger, Guid userId);

    internal sealed class PasswordInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Password.Current")]
        [StringLength(200)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Password.New")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "Password.TooShort")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Password.Confirm")]
        [StringLength(200)]
        public string ConfirmPassword { get; set; } = "";
    }
}
