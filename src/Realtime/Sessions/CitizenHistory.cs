using DaoVien.OnlineReception.Realtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>An earlier reception session of the citizen, as the presiding console lists it.</summary>
/// <param name="SessionId">Session id.</param>
/// <param name="Date">Local date of the reception.</param>
/// <param name="Outcome">How it ended.</param>
public sealed record EarlierSessionEntry(Guid SessionId, DateOnly Date, SessionOutcome Outcome);

/// <summary>An earlier case file (đơn thư) of the citizen, as the presiding console lists it.</summary>
/// <param name="Number">Case number.</param>
/// <param name="ReceivedOn">Local date the case was received.</param>
/// <param name="SubjectArea">Subject area (land, social policy, …).</param>
/// <param name="Status">Status in Vietnamese, as staff pages show it.</param>
public sealed record EarlierCaseEntry(string Number, DateOnly ReceivedOn, string SubjectArea, string Status);

/// <summary>What the presiding official sees of a waiting citizen's past: earlier sessions and cases, newest first.</summary>
/// <param name="Sessions">Reception sessions of this citizen with an outcome (this booking or their earlier ones), including interrupted ones whose outcome was recorded afterwards.</param>
/// <param name="Cases">Case files of this citizen; empty where no case module is wired.</param>
public sealed record CitizenHistoryView(IReadOnlyList<EarlierSessionEntry> Sessions, IReadOnlyList<EarlierCaseEntry> Cases);

/// <summary>
/// The earlier sessions and cases of the citizen who made a booking, for the presiding console's queue. Realtime
/// registers a default that knows only its own sessions of that booking; the web host replaces it with one that
/// also finds the citizen's other bookings and their case files (modules that Realtime must not reference).
/// </summary>
public interface ICitizenHistory
{
    /// <summary>History of the citizen of booking <paramref name="bookingId"/>; never null (empty lists when nothing).</summary>
    Task<CitizenHistoryView> ForBookingAsync(Guid bookingId, CancellationToken cancellationToken = default);
}

/// <summary>The default: ended sessions of that booking, from Realtime's own tables; no cases.</summary>
internal sealed class SessionCitizenHistory(RealtimeDbContext db) : ICitizenHistory
{
    public async Task<CitizenHistoryView> ForBookingAsync(Guid bookingId, CancellationToken cancellationToken = default) =>
        new(await EndedSessionsAsync(db, [bookingId], cancellationToken), []);

    internal static async Task<IReadOnlyList<EarlierSessionEntry>> EndedSessionsAsync(RealtimeDbContext db, IReadOnlyCollection<Guid> bookingIds, CancellationToken cancellationToken)
    {
        var ids = bookingIds.Select(id => (Guid?)id).ToList();
        var rows = await db.Sessions.AsNoTracking()
            // Any session with an outcome: ended from the console, or interrupted by a crash and decided afterwards.
            .Where(s => s.BookingId != null && ids.Contains(s.BookingId) && s.Outcome != null)
            .OrderByDescending(s => s.StartedAt)
            .Select(s => new { s.Id, s.ReceptionDate, s.Outcome })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new EarlierSessionEntry(r.Id, r.ReceptionDate, r.Outcome!.Value))];
    }
}
