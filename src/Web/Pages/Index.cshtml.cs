using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Web.Pages.Cases;
using DaoVien.OnlineReception.Web.Pages.Shared.Nav;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoVien.OnlineReception.Web.Pages;

/// <summary>
/// The public home page; for signed-in staff the landing page of their work: today's receptions and the bookings to
/// confirm (office and presiding roles), the cases overdue and due soon (case workers, only the cases they see).
/// Each section reads through its module's own query (<see cref="IBookingDirectory"/>, <see cref="DueDeadlineQuery"/>).
/// </summary>
internal sealed class IndexModel(IBookingDirectory bookings, DueDeadlineQuery deadlines, WardClock clock) : PageModel
{
    public const int DueSoonDays = DashboardModel.DueSoonDays;

    public bool IsStaff { get; private set; }

    /// <summary>Null when the user's roles do not cover today's receptions (neither office nor presiding).</summary>
    public IReadOnlyList<BookingSummary>? Today { get; private set; }

    /// <summary>Null when the user may not confirm bookings.</summary>
    public IReadOnlyList<BookingSummary>? Pending { get; private set; }

    /// <summary>Null for a user who is no case worker.</summary>
    public DueDeadlines? Due { get; private set; }

    public DateOnly TodayDate => clock.Today;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        IsStaff = StaffRoles.All.Any(User.IsInRole);
        if (!IsStaff)
        {
            return;
        }

        var office = StaffNavigation.InAny(User, SchedulingModule.OfficeRoles);
        if (office || StaffRoles.MayPreside(User))
        {
            // Receptions that will take place: a rejected, cancelled or expired booking is no session today.
            Today = [.. (await bookings.ListForDateAsync(clock.Today, cancellationToken)).Where(b => b.Status is BookingStatus.Confirmed or BookingStatus.Pending)];
        }

        if (office)
        {
            Pending = await bookings.ListPendingAsync(clock.Today, cancellationToken);
        }

        if (StaffNavigation.InAny(User, CasePageRoles.CaseWorkers))
        {
            Due = await deadlines.ListAsync(CaseActor.From(User), DueSoonDays, cancellationToken);
        }
    }
}
