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

    /// <summary>Sends a signed-in user who still holds a password chosen by someone else to the change page.</summary>
    public static IApplicationBuilder UseRequiredPasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.Identity?.IsAuthenticated == true && IsRequired(context.User)
            && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/metrics"))
        {
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Response.Redirect(PagePath + "?returnUrl=" + Uri.EscapeDataString(path + context.Request.QueryString));
            return;
        }

        await next(context);
    });
}
