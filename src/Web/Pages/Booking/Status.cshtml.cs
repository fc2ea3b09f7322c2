using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Booking;

[EnableRateLimiting("booking-lookup")]
internal sealed class StatusModel(SchedulingDbContext db) : PageModel
{
    public string? Code { get; private set; }

    public StatusView? Found { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        var normalized = JoinTokens.NormalizeCode(code);
        Found = await (from b in db.Bookings.AsNoTracking()
                       join d in db.ReceptionDays.AsNoTracking() on b.ReceptionDayId equals d.Id
                       where b.Code == normalized
                       select new StatusView(b.Code, b.Status, d.Date, b.SlotStart, b.SlotEnd, d.Place, b.RejectionReason ?? d.CancelReason)).FirstOrDefaultAsync(cancellationToken);
    }

    internal sealed record StatusView(string Code, BookingStatus Status, DateOnly Date, TimeOnly SlotStart, TimeOnly SlotEnd, string Place, string? Reason);
}
