using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Pages.Account;

/// <summary>
/// A staff member sets up (or renews) their authenticator: scan the QR code or type the key, confirm with a code,
/// keep the recovery codes. Forced for the roles of <see cref="AccountOptions.TwoFactorRequiredRoles"/>; those
/// cannot switch it off, only an administrator can reset it (docs/adr/0076).
/// </summary>
[Authorize]
internal sealed partial class TwoFactorModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    IOptions<AccountOptions> accounts,
    IStringLocalizer<SharedResource> l,
    ILogger<TwoFactorModel> logger) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }

    /// <summary>This account's roles need a second factor: it cannot be switched off here.</summary>
    public bool RequiredForRole { get; private set; }

    public string? ReadableKey { get; private set; }

    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public int RecoveryCodesLeft { get; private set; }

    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : Challenge();

    /// <summary>The QR code of the key being set up; gone once the authenticator is confirmed.</summary>
    public async Task<IActionResult> OnGetQrAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || user.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(user) is not { } key)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(TwoFactorCodes.QrPng(TwoFactorCodes.AuthenticatorUri(accounts.Value.AuthenticatorIssuer, user.UserName!, key)), "image/png");
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return await ShowAsync(user);
        }

        var code = TwoFactorCodes.NormalizeCode(Code ?? "");
        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), code.Length == 0 ? l["TwoFactor.CodeMissing"] : l["TwoFactor.WrongCode"]);
            return await ShowAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount) ?? []];
        // The principal is built again, without the set-up mark: staff pages open from here on.
        await signIn.RefreshSignInAsync(user);
        Audit(logger, "enabled", user.Id);
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount) ?? []];
            Audit(logger, "recovery-codes-renewed", user.Id);
        }

        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (IsRequiredForRole())
        {
            ModelState.AddModelError(string.Empty, l["TwoFactor.CannotDisable"]);
            return await ShowAsync(user);
        }

        if (user.TwoFactorEnabled)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            // A new key: the app's entry for the old one no longer signs anyone in (this also renews the stamp).
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            Audit(logger, "disabled", user.Id);
            TempData["Message"] = l["TwoFactor.Disabled"].Value;
        }

        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(StaffUser user)
    {
        Enabled = user.TwoFactorEnabled;
        RequiredForRole = IsRequiredForRole();
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                await signIn.RefreshSignInAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            ReadableKey = TwoFactorCodes.Readable(key!);
        }
        else
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        }

        return Page();
    }

    private bool IsRequiredForRole()
    {
        var required = accounts.Value.RequiredRoles();
        return required.Any(User.IsInRole);
    }

    [LoggerMessage(EventId = 7404, Level = LogLevel.Information, Message = "Staff account {UserId}: two-factor sign-in {TwoFactorChange}")]
    private static partial void Audit(ILogger logger, string twoFactorChange, Guid userId);
}
