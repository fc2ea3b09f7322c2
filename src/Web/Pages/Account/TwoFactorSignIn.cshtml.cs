using System.ComponentModel.DataAnnotations;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Account;

/// <summary>
/// The second step of signing in for an account with an authenticator: its six-digit code, or one of its recovery
/// codes. Limited and audited like the password step (docs/adr/0074, 0076); wrong codes also count towards
/// Identity's lock of the account, which only someone who already knows the password can reach.
/// </summary>
[EnableRateLimiting(SignInLimitOptions.RateLimitPolicy)]
internal sealed partial class TwoFactorSignInModel(SignInManager<StaffUser> signIn, SignInThrottle throttle, IStringLocalizer<SharedResource> l, ILogger<TwoFactorSignInModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "TwoFactor.Code")]
    [StringLength(40)]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool UseRecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The five minutes after the password have passed (or no password was given): start again.
            return RedirectToPage("Login", new { ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userName = user.UserName!;
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.IsLocked(userName, address))
        {
            LogAudit(logger, "locked", userName, address);
            ModelState.AddModelError(string.Empty, l["Login.LockedOut"]);
            return Page();
        }

        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCodes.NormalizeRecoveryCode(Code))
            : await signIn.TwoFactorAuthenticatorSignInAsync(TwoFactorCodes.NormalizeCode(Code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(userName, address);
            LogAudit(logger, UseRecoveryCode ? "succeeded-with-recovery-code" : "succeeded-with-code", userName, address);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        throttle.Failed(userName, address);
        LogAudit(logger, result.IsLockedOut ? "code-failed-account-locked" : "code-failed", userName, address);
        ModelState.AddModelError(string.Empty, result.IsLockedOut ? l["TwoFactor.AccountLocked"] : l["TwoFactor.WrongCode"]);
        return Page();
    }

    [LoggerMessage(EventId = 7403, Level = LogLevel.Information, Message = "Sign-in {SignInOutcome} for user name {UserName} from {ClientAddress}")]
    private static partial void LogAudit(ILogger logger, string signInOutcome, string userName, string clientAddress);
}
