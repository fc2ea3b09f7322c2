using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages;

/// <summary>
/// What a person in a browser sees instead of a bare status code or a JSON problem: a page in Vietnamese saying what
/// happened and where to go on (the status-code and exception middleware re-execute here for page requests; API
/// and hub callers keep their ProblemDetails). It says nothing about why a case was not found: one that exists but
/// is not the reader's looks exactly like one that does not.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string TitleKey => Code switch
    {
        400 => "Error.BadRequest.Title",
        403 => "Error.Forbidden.Title",
        404 => "Error.NotFound.Title",
        405 => "Error.BadRequest.Title",
        429 => "Error.TooMany.Title",
        _ => "Error.Server.Title",
    };

    public string TextKey => TitleKey.Replace(".Title", ".Text", StringComparison.Ordinal);

    public void OnGet(int? code) => Read(code);

    public void OnPost(int? code) => Read(code);

    private void Read(int? code)
    {
        // An exception re-executed here carries no code: it is the server's failure (500); the handler set that already.
        Code = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? 500
            : code is >= 400 and <= 599 ? code.Value
            : Response.StatusCode >= 400 ? Response.StatusCode
            : 404;
        Response.StatusCode = Code;
        // A re-executed 404 of a private page must not be cached by a shared proxy as the page itself.
        Response.Headers.CacheControl = "no-store";
    }
}
