using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Web.Pages.Cases;

namespace DaoVien.OnlineReception.Web.Pages.Shared.Nav;

/// <summary>One link of the staff menu: the page's address, its text and the roles the page itself admits.</summary>
internal sealed record NavLink(string Href, string Text, string TestId);

/// <summary>A group of the staff menu, named after a task; shown only when the user may open one of its links.</summary>
internal sealed record NavGroup(string Id, string Title, IReadOnlyList<NavLink> Links);

/// <summary>
/// The staff menu grouped by task. Each link carries the same role list as the page's own [Authorize] attribute, so
/// the menu never offers a page that answers 403 (docs/adr/0095).
/// </summary>
internal static class StaffNavigation
{
    public static bool InAny(ClaimsPrincipal user, string roles) => roles.Split(',').Any(user.IsInRole);

    /// <summary>The groups <paramref name="user"/> may use, in menu order, without empty ones.</summary>
    public static IReadOnlyList<NavGroup> For(ClaimsPrincipal user, Func<string, string> text)
    {
        var groups = new List<NavGroup>();
        void Add(string id, params (string Href, string TextKey, string TestId, bool Allowed)[] links)
        {
            var allowed = links.Where(l => l.Allowed).Select(l => new NavLink(l.Href, text(l.TextKey), l.TestId)).ToList();
            if (allowed.Count > 0)
            {
                groups.Add(new NavGroup(id, text("Group." + id), allowed));
            }
        }

        var staff = StaffRoles.All.Any(user.IsInRole);
        var office = InAny(user, SchedulingModule.OfficeRoles);
        var caseWorker = InAny(user, CasePageRoles.CaseWorkers);
        Add("Reception",
            ("/Console", "Console", "nav-console", staff),
            ("/Office/Bookings", "OfficeBookings", "nav-office-bookings", office),
            ("/Cases/Receptions", "Book", "nav-receptions", caseWorker),
            ("/Console/Interrupted", "Interrupted", "nav-interrupted", InAny(user, StaffRoles.Presiding + "," + StaffRoles.Admin)));
        Add("Cases",
            ("/Cases", "Cases", "nav-cases", caseWorker),
            ("/Cases/Dashboard", "Dashboard", "nav-cases-dashboard", caseWorker),
            ("/Cases/LongRunning", "LongRunning", "nav-long-running", caseWorker),
            ("/Recordings", "Recordings", "nav-recordings", InAny(user, RecordingRoles.Viewers)));
        Add("Calendar",
            ("/Office/Days", "OfficeDays", "nav-office-days", office),
            ("/Office/Days/Presiding", "OfficeSubstitute", "nav-office-substitute", InAny(user, SchedulingModule.DelegationRoles)),
            ("/Office/Meetings", "OfficeMeetings", "nav-office-meetings", office),
            ("/Office/Holidays", "OfficeHolidays", "nav-office-holidays", office),
            ("/Office/Rules", "OfficeRules", "nav-office-rules", office));
        Add("Reports",
            ("/Cases/Report", "Report", "nav-report", caseWorker),
            ("/Recordings/Integrity", "Integrity", "nav-integrity", InAny(user, RecordingRoles.Viewers + "," + RecordingRoles.AccessLogReaders)));
        Add("Admin",
            ("/Admin/Staff", "AdminStaff", "nav-admin-staff", user.IsInRole(StaffRoles.Admin)),
            ("/Cases/AccessLog", "CasesAccessLog", "nav-access-log", InAny(user, CasePageRoles.AccessLogReaders)),
            ("/Recordings/AccessLog", "RecordingsAccessLog", "nav-recordings-access", InAny(user, RecordingRoles.AccessLogReaders)),
            ("/Office/Outbox", "OfficeOutbox", "nav-office-outbox", office));
        return groups;
    }
}
