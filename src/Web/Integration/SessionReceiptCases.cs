using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Realtime.Sessions;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>
/// The case on the citizen's receipt after the end (Realtime's <see cref="ISessionReceiptCases"/>): what the status page
/// shows of it (<see cref="ICaseHistoryReader.CitizenStatusAsync"/>), its number and the deadlines not met yet.
/// </summary>
internal sealed class SessionReceiptCases(ICaseHistoryReader cases) : ISessionReceiptCases
{
    public async Task<ReceiptCase?> ForBookingAsync(Guid bookingId, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default) =>
        await cases.CitizenStatusAsync(bookingId, sessionIds, cancellationToken) is { } found
            ? new ReceiptCase(found.Number, [.. found.Deadlines.Where(d => d.DoneOn is null).OrderBy(d => d.DueOn).Select(d => new ReceiptDeadline(d.Kind, d.DueOn))])
            : null;
}
