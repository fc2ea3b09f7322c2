using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Pages.Console;

/// <summary>The reception console: the presiding official's queue and session; other officials' invitations.</summary>
[Authorize(Policy = AuthorizationPolicies.AnyStaff)]
internal sealed class IndexModel(RealtimeDbContext db, CrashedSessionOutcomes crashed, IBookingDirectory bookings, LobbyDoor door, Microsoft.Extensions.Options.IOptions<WardOptions> ward, TimeProvider time) : PageModel
{
    /// <summary>Today's confirmed bookings of the days this official presides, with where each citizen is now.</summary>
    public IReadOnlyList<Appointment> Appointments { get; private set; } = [];

    /// <summary>When today's lobby opens (ward time, HH:mm), while it has not yet opened.</summary>
    public string? LobbyOpensAt { get; private set; }

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
        if (IsPresiding)
        {
            await LoadAppointmentsAsync(staffId, cancellationToken);
        }

        var isAdmin = User.IsInRole(StaffRoles.Admin);
        if (IsPresiding || isAdmin)
        {
            InterruptedCount = await crashed.CountPendingAsync(isAdmin ? null : staffId, cancellationToken);
        }
    }

    private async Task LoadAppointmentsAsync(Guid staffId, CancellationToken cancellationToken)
    {
        var zone = ward.Value.TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var isChairman = User.IsInRole(StaffRoles.Chairman);
        // The same rule as admission (docs/adr/0079): one's own days; a day published for a role only is the Chairman's.
        var mine = (await bookings.ListForDateAsync(today, cancellationToken))
            .Where(b => b.Status == BookingStatus.Confirmed && (b.PresidingOfficialId == staffId || (b.PresidingOfficialId == Guid.Empty && isChairman)))
            .ToList();
        var ids = mine.Select(b => b.Id).ToList();
        var entries = await db.LobbyEntries.AsNoTracking().Where(e => ids.Contains(e.BookingId)).ToDictionaryAsync(e => e.BookingId, e => e.State, cancellationToken);
        Appointments = [.. mine.Select(b => new Appointment(b.SlotStart, b.SlotEnd, b.Code, b.DisplayName, b.Kind, b.RepresentativeCount,
            entries.TryGetValue(b.Id, out var state) ? state.ToString() : "NotArrived"))];
        if (mine.Count > 0 && await door.TimesOfAsync(today, cancellationToken) is { IsOpen: false } times && times.OpensAt > time.GetUtcNow())
        {
            LobbyOpensAt = TimeZoneInfo.ConvertTime(times.OpensAt, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>One booked citizen of today; <paramref name="Where"/> is a lobby entry state or <c>NotArrived</c>.</summary>
    internal sealed record Appointment(TimeOnly SlotStart, TimeOnly SlotEnd, string Code, string? DisplayName, MatterKind Kind, int RepresentativeCount, string Where);
}
