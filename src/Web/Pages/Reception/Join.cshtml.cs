using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Reception;

/// <summary>The citizen's join link: a booking's private link, an ad-hoc session's one-time link, or a dialogue invitee's.</summary>
[AllowAnonymous]
internal sealed class JoinModel(IServiceProvider services, RealtimeDbContext db, IStringLocalizer<RealtimeResource> texts, Microsoft.Extensions.Options.IOptions<RealtimeOptions> options) : PageModel
{
    /// <summary>How often a page that came before the lobby opened asks again.</summary>
    public int DoorPollSeconds => options.Value.LobbyDoorPollSeconds;

    public string Token { get; private set; } = "";

    public string Mode { get; private set; } = "booking";

    public string? Error { get; private set; }

    /// <summary>Holds the link's token after the first load, so the address bar, history and logs keep no token.</summary>
    public const string TokenCookie = "dv_join";

    private const int MaxTokenLength = 200;

    public async Task<IActionResult> OnGetAsync(string? t, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(t))
        {
            // The e-mailed link carries the token once: it moves into an HttpOnly cookie scoped to this page and
            // the browser is sent to the bare address (docs/adr/0078).
            if (t.Length <= MaxTokenLength)
            {
                Response.Cookies.Append(TokenCookie, t, new CookieOptions
                {
                    HttpOnly = true,
                    Secure = Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    Path = "/Reception/Join",
                    MaxAge = TimeSpan.FromHours(12),
                    IsEssential = true,
                });
            }

            return Redirect("/Reception/Join");
        }

        await ReadAsync(Request.Cookies[TokenCookie], cancellationToken);
        return Page();
    }

    private async Task ReadAsync(string? t, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(t) || t.Length > MaxTokenLength)
        {
            Error = texts["Join.InvalidLink"];
            return;
        }

        Token = t;
        var bookings = services.GetService<IBookingDirectory>();
        if (bookings is not null && await bookings.FindByJoinTokenAsync(t, cancellationToken) is { } booking)
        {
            if (booking.Status != BookingStatus.Confirmed)
            {
                Error = texts["Join.NotConfirmed"];
            }

            return;
        }

        var hash = ReceptionHub.Hash(t);
        if (await db.Sessions.AnyAsync(s => s.AdHocTokenHash == hash && s.State == SessionState.Open, cancellationToken))
        {
            Mode = "adhoc";
            return;
        }

        var invitation = await db.DialogueInvitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => new { i.RevokedAt, Open = db.Sessions.Any(s => s.Id == i.SessionId && s.State == SessionState.Open) })
            .SingleOrDefaultAsync(cancellationToken);
        if (invitation is not null)
        {
            // A dialogue's one-time link (docs/adr/0088): which device may use it is decided when the page enters.
            Error = invitation.RevokedAt is not null ? texts["Join.DialogueRevoked"].Value : !invitation.Open ? texts["Join.DialogueEnded"].Value : null;
            Mode = "dialogue";
            return;
        }

        Error = texts["Join.InvalidOrExpired"];
    }
}
