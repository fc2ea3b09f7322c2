using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Booking;

/// <summary>
/// The citizen's follow-up page, by booking code: the booking, the reception it led to and its outcome, and the case
/// opened from it with its status and legal deadlines (never its content or persons). A lost join link is replaced
/// here after the ID number given at booking is checked (docs/adr/0092).
/// </summary>
[EnableRateLimiting("booking-lookup")]
internal sealed class StatusModel(
    SchedulingDbContext db,
    IReceptionSessionDirectory sessions,
    ICaseHistoryReader cases,
    JoinLinkReissue reissue,
    PublicAddress publicAddress) : PageModel
{
    public string? Code { get; private set; }

    public StatusView? Found { get; private set; }

    /// <summary>Receptions held for the booking that have ended, oldest first.</summary>
    public IReadOnlyList<ReceptionSessionInfo> Received { get; private set; } = [];

    public CitizenCaseStatus? Case { get; private set; }

    /// <summary>The new join link, shown once after a successful check: its path (the link's target) and the full address.</summary>
    public (string Path, string Address)? NewLink { get; private set; }

    public string? ReissueError { get; private set; }

    /// <summary>The ID number as typed, kept in the field after a refusal.</summary>
    public string? TypedIdNumber { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken cancellationToken) => await LoadAsync(code, cancellationToken);

    public async Task<IActionResult> OnPostReissueAsync(string? code, string? citizenIdNumber, CancellationToken cancellationToken)
    {
        await LoadAsync(code, cancellationToken);
        var outcome = await reissue.ReissueAsync(code, citizenIdNumber, alreadyReceived: Received.Count > 0, cancellationToken);
        if (outcome.Succeeded)
        {
            NewLink = (outcome.Value!.JoinPath, publicAddress.Link(outcome.Value.JoinPath));
        }
        else
        {
            ReissueError = outcome.Error!.Message;
            TypedIdNumber = citizenIdNumber;
            Response.StatusCode = outcome.Error.Status;
        }

        return Page();
    }

    /// <summary>The booking can still be entered online, so a lost link is worth replacing.</summary>
    public bool MayReissue => Found is { Status: BookingStatus.Pending or BookingStatus.Confirmed, DayCancelled: false } && Received.Count == 0;

    private async Task LoadAsync(string? code, CancellationToken cancellationToken)
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
                       select new StatusView(b.Id, b.Code, b.Status, d.Date, b.SlotStart, b.SlotEnd, d.Place, b.RejectionReason ?? d.CancelReason,
                           d.Status == Scheduling.ReceptionDays.ReceptionDayStatus.Cancelled)).FirstOrDefaultAsync(cancellationToken);
        if (Found is null)
        {
            return;
        }

        Received = [.. (await sessions.ListForBookingAsync(Found.Id, cancellationToken)).Where(s => s.EndedAt is not null && s.Outcome is not null).OrderBy(s => s.StartedAt)];
        Case = await cases.CitizenStatusAsync(Found.Id, [.. Received.Select(s => s.SessionId)], cancellationToken);
    }

    internal sealed record StatusView(Guid Id, string Code, BookingStatus Status, DateOnly Date, TimeOnly SlotStart, TimeOnly SlotEnd, string Place, string? Reason, bool DayCancelled);
}
