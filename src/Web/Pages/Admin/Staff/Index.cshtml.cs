using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Admin.Staff;

internal sealed partial class IndexModel(UserManager<StaffUser> users, IStaffDirectory directory, IStringLocalizer<SharedResource> l, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    /// <summary>Accounts with a confirmed authenticator.</summary>
    public IReadOnlySet<Guid> WithTwoFactor { get; private set; } = new HashSet<Guid>();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var accounts = await users.Users.AsNoTracking().OrderBy(u => u.UserName).Select(u => new { u.Id, u.TwoFactorEnabled }).ToListAsync(cancellationToken);
        var members = new List<StaffMember>();
        foreach (var account in accounts)
        {
            members.Add((await directory.FindAsync(account.Id, cancellationToken))!);
        }

        Members = members;
        WithTwoFactor = accounts.Where(a => a.TwoFactorEnabled).Select(a => a.Id).ToHashSet();
    }

    /// <summary>
    /// A staff member lost their phone: the authenticator and its recovery codes stop working, open sessions end at
    /// the next stamp check, and an account whose role needs a second factor enrols again at its next sign-in.
    /// </summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        TwoFactorReset(logger, user.Id, User.Identity?.Name);
        Message = l["Staff.TwoFactorResetDone", user.UserName!];
        return RedirectToPage();
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

    [LoggerMessage(EventId = 7405, Level = LogLevel.Warning, Message = "Two-factor sign-in of staff account {UserId} reset by {Admin}")]
    private static partial void TwoFactorReset(ILogger logger, Guid userId, string? admin);
}
