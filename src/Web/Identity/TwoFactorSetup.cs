using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Web.Identity;

/// <summary>
/// An account of a role that needs a second factor (<see cref="AccountOptions.TwoFactorRequiredRoles"/>) but has not
/// enrolled an authenticator carries this claim; it is computed whenever the cookie's principal is built (sign-in,
/// the security stamp check every minute, a refresh), so a role given later or a reset by an administrator is
/// followed without a sign-out (docs/adr/0076).
/// </summary>
internal static class TwoFactorSetup
{
    public const string ClaimType = "daovien:two-factor-setup-required";

    public const string PagePath = "/Account/TwoFactor";

    public static bool IsRequired(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ClaimType);
}

/// <summary>Identity's principal, plus the <see cref="TwoFactorSetup"/> mark where it applies.</summary>
internal sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> identityOptions,
    IOptions<AccountOptions> accounts)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(users, roles, identityOptions)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var required = accounts.Value.RequiredRoles();
        if (!user.TwoFactorEnabled && identity.FindAll(identity.RoleClaimType).Any(c => required.Contains(c.Value)))
        {
            identity.AddClaim(new Claim(TwoFactorSetup.ClaimType, "1"));
        }

        return identity;
    }
}
