using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Account;

// Posts are limited per client address (429 with a Vietnamese sentence); failures per user name and address
// (SignInThrottle, docs/adr/0074). Every attempt is audited as one structured line, never with the password.
[EnableRateLimiting(SignInLimitOptions.RateLimitPolicy)]
internal sealed partial class LoginModel(SignInManager<StaffUser> signIn, SignInThrottle throttle, IStringLocalizer<SharedResource> l, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.IsLocked(Input.UserName, address))
        {
            LogAudit(logger, "locked", Input.UserName, address);
            ModelState.AddModelError(string.Empty, l["Login.LockedOut"]);
            return Page();
        }

        // Identity's own per-account lockout stays off here: anyone could use it to lock the chairman out.
        var result = await signIn.PasswordSignInAsync(Input.UserName, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor)
        {
            // The password was right; the code comes next (the failure count of this pair is cleared only by it).
            LogAudit(logger, "awaiting-code", Input.UserName, address);
            return RedirectToPage("TwoFactorSignIn", new { ReturnUrl });
        }

        if (result.Succeeded)
        {
            throttle.Succeeded(Input.UserName, address);
            LogAudit(logger, "succeeded", Input.UserName, address);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // One reply whether the user name exists or the password is wrong (or the account is disabled).
        throttle.Failed(Input.UserName, address);
        LogAudit(logger, "failed", Input.UserName, address);
        ModelState.AddModelError(string.Empty, l["Login.Failed"]);
        return Page();
    }

    // The user name typed is staff's account name (not a citizen's personal data); the password is never logged.
    [LoggerMessage(EventId = 7400, Level = LogLevel.Information, Message = "Sign-in {SignInOutcome} for user name {UserName} from {ClientAddress}")]
    private static partial void LogAudit(ILogger logger, string signInOutcome, string userName, string clientAddress);

    internal sealed class LoginInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Login.UserName")]
        [StringLength(100)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Login.Password")]
        [StringLength(200)]
        public string Password { get; set; } = "";
    }
}
