using System.Security.Claims;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Staff;
using DaoVien.OnlineReception.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Console;

/// <summary>The reception console: the presiding official's queue and session; other officials' invitations.</summary>
[Authorize(Policy = AuthorizationPolicies.AnyStaff)]
internal sealed class IndexModel(RealtimeDbContext db, CrashedSessionOutcomes crashed) : PageModel
{
    /// <summary>Sessions cut off by a crash that still wait for this user's outcome (all of them for an Admin).</summary>
    public int InterruptedCount { get; private set; }

    public bool IsPresiding { get; private set; }

    public Guid StaffId { get; private set; }

    public Guid? OpenSessionId { get; private set; }

    public IReadOnlyList<Guid> Invitations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        IsPresiding = StaffRoles.MayPreside(User);
        var staffId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        StaffId = staffId;
        var mine = await db.Participants.AsNoTracking()
            .Where(p => p.StaffId == staffId && p.SessionId != null && (p.State == ParticipantState.Invited || p.State == ParticipantState.InRoom))
            .Join(db.Sessions.Where(s => s.State == SessionState.Open), p => p.SessionId, s => s.Id, (p, s) => new { s.Id, p.Role })
            .ToListAsync(cancellationToken);
        // Back into a session after a reload: the presiding official's own, or one they were admitted to.
        OpenSessionId = mine.FirstOrDefault(x => x.Role == ParticipantRole.Presiding)?.Id;
        Invitations = [.. mine.Where(x => x.Role != ParticipantRole.Presiding).Select(x => x.Id)];
        var isAdmin = User.IsInRole(StaffRoles.Admin);
        if (IsPresiding || isAdmin)
        {
            InterruptedCount = await crashed.CountPendingAsync(isAdmin ? null : staffId, cancellationToken);
        }
    }
}
