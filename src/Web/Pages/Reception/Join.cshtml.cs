using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Reception;

/// <summary>The citizen's join link: a booking's private link, or an ad-hoc session's one-time link.</summary>
[AllowAnonymous]
internal sealed class JoinModel(IServiceProvider services, RealtimeDbContext db, IStringLocalizer<RealtimeResource> texts) : PageModel
{
    public string Token { get; private set; } = "";

    public string Mode { get; private set; } = "booking";

    public string? Error { get; private set; }

    public async Task OnGetAsync(string? t, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(t) || t.Length > 200)
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

        Error = texts["Join.InvalidOrExpired"];
    }
}
