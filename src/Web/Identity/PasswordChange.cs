using System.Security.Claims;

namespace DaoVien.OnlineReception.Web.Identity;

/// <summary>
/// A password someone else chose (the generated first admin's, or one an administrator typed for a new account)
/// must be replaced by its owner before any staff page opens (docs/adr/0075). The mark is a user claim, so it
/// travels in the sign-in cookie and needs no column.
/// </summary>
internal static class PasswordChange
{
    public const string ClaimType = "daovien:must-change-password";

    public const string PagePath = "/Account/Password";

    public static Claim Required => new(ClaimType, "1");

    public static bool IsRequired(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ClaimType);
}

/// <summary>What a signed-in account must finish before it works: its own password first, then a second factor.</summary>
internal static class AccountSetup
{
    /// <summary>
    /// Sends a signed-in user with unfinished setup to the page that finishes it; the API and the hubs answer 403
    /// meanwhile. The account pages themselves, health and metrics stay reachable.
    /// </summary>
    public static IApplicationBuilder UseRequiredAccountSetup(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var page = context.User.Identity?.IsAuthenticated != true ? null
            : PasswordChange.IsRequired(context.User) ? PasswordChange.PagePath
            : TwoFactorSetup.IsRequired(context.User) ? TwoFactorSetup.PagePath
            : null;
        if (page is not null && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/metrics"))
        {
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Response.Redirect(page + "?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
            return;
        }

        await next(context);
    });
}
