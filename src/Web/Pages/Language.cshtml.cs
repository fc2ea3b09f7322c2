using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages;

/// <summary>
/// The language switch: the choice is kept in the culture cookie for a year and the person goes back to the page
/// they were on. Vietnamese is the default whatever the browser asks for (docs/adr/0096).
/// </summary>
internal sealed class LanguageModel : PageModel
{
    /// <summary>The cultures a person can choose, Vietnamese first.</summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures = [new("vi-VN"), new("en")];

    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase));
        if (chosen is not null)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                    HttpOnly = true,
                    Secure = Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
