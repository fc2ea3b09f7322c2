using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Scheduling.Bookings;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Realtime.Sessions;

/// <summary>A legal deadline the ward owes the citizen, as their receipt shows it.</summary>
/// <param name="Kind"><c>ReceptionReply</c>, <c>Acceptance</c>, <c>Notification</c> or <c>Resolution</c>.</param>
/// <param name="DueOn">Last day (ward date).</param>
public sealed record ReceiptDeadline(string Kind, DateOnly DueOn);

/// <summary>The case a reception led to, as its citizen may know it: number and the deadlines not met yet.</summary>
/// <param name="Number">Case number (e.g. 2026-00012).</param>
/// <param name="Deadlines">Open deadlines, in due order.</param>
public sealed record ReceiptCase(string Number, IReadOnlyList<ReceiptDeadline> Deadlines);

/// <summary>
/// The case opened from a booking's reception, for the citizen's receipt after the end. Realtime registers a default
/// that knows no cases; the web host replaces it with one that asks the case module (which Realtime must not reference).
/// </summary>
public interface ISessionReceiptCases
{
    /// <summary>The case opened from booking <paramref name="bookingId"/> or one of <paramref name="sessionIds"/>; null when none (yet).</summary>
    Task<ReceiptCase?> ForBookingAsync(Guid bookingId, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default);
}

/// <summary>The default: no case module wired, so no case on the receipt.</summary>
internal sealed class NoReceiptCases : ISessionReceiptCases
{
    public Task<ReceiptCase?> ForBookingAsync(Guid bookingId, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<ReceiptCase?>(null);
}

/// <summary>
/// What the citizen's join page shows once their reception ended: the outcome, the case when one was opened (it is
/// opened just after the end is pushed, so <paramref name="CasePending"/> says one is expected but not there yet), the
/// deadlines (dd/MM/yyyy) and the booking code their status page follows.
/// </summary>
public sealed record ReceiptView(string Outcome, string BookingCode, bool CasePending, string? CaseNumber, IReadOnlyList<ReceiptDeadlineView> Deadlines);

public sealed record ReceiptDeadlineView(string Kind, string DueOn);

/// <summary>Builds a booking's receipt from the stored end of its reception; the join token is the credential.</summary>
internal sealed class SessionReceipts(RealtimeDbContext db, IBookingDirectory bookings, ISessionReceiptCases cases)
{
    /// <summary>The receipt of the booking with <paramref name="joinToken"/>, or null when the token is unknown or its reception has not ended.</summary>
    public async Task<ReceiptView?> ForJoinTokenAsync(string joinToken, CancellationToken cancellationToken)
    {
        var booking = await bookings.FindByJoinTokenAsync(joinToken, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var ended = await db.Sessions.AsNoTracking()
            .Where(s => s.BookingId == booking.Id && s.Outcome != null)
            .OrderByDescending(s => s.StartedAt)
            .Select(s => new { s.Id, s.Outcome })
            .ToListAsync(cancellationToken);
        if (ended.Count == 0)
        {
            return null;
        }

        var outcome = ended[0].Outcome!.Value;
        var found = await cases.ForBookingAsync(booking.Id, [.. ended.Select(s => s.Id)], cancellationToken);
        return new ReceiptView(
            outcome.ToString(),
            booking.Code,
            found is null && outcome == SessionOutcome.CaseAccepted,
            found?.Number,
            found is null ? [] : [.. found.Deadlines.Select(d => new ReceiptDeadlineView(d.Kind, d.DueOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)))]);
    }
}
