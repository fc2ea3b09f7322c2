using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Scheduling.Bookings;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>
/// The presiding console's view of a waiting citizen's past (Realtime's <see cref="ICitizenHistory"/>): their earlier
/// bookings are found by citizen ID number in Scheduling, the sessions of those bookings in Realtime, their case files
/// in Cases. A sealed denunciation booking has no ID number in plain: only its own booking's sessions and cases show.
/// </summary>
internal sealed class CitizenHistoryWithCases(
    IBookingDirectory bookings,
    IReceptionSessionDirectory sessions,
    ICaseHistoryReader cases) : ICitizenHistory
{
    public async Task<CitizenHistoryView> ForBookingAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        var bookingIds = await bookings.SameCitizenAsync(bookingId, cancellationToken);
        var idNumber = (await bookings.FindParticularsAsync(bookingId, cancellationToken))?.CitizenIdNumber;

        var earlierSessions = new List<EarlierSessionEntry>();
        var found = new List<EarlierCase>();
        foreach (var id in bookingIds)
        {
            earlierSessions.AddRange((await sessions.ListForBookingAsync(id, cancellationToken))
                .Where(s => s.Outcome is not null)
                .Select(s => new EarlierSessionEntry(s.SessionId, s.ReceptionDate, s.Outcome!.Value)));
            // Cases opened from a session carry its booking id (the ID number stays with the booking).
            found.AddRange(await cases.ForBookingAsync(id, cancellationToken));
        }

        if (idNumber is not null)
        {
            found.AddRange(await cases.ForCitizenIdNumberAsync(idNumber, cancellationToken));
        }

        return new CitizenHistoryView(
            [.. earlierSessions.OrderByDescending(s => s.Date)],
            [.. found.DistinctBy(c => c.CaseId).OrderByDescending(c => c.ReceivedOn).Select(c => new EarlierCaseEntry(c.Number, c.ReceivedOn, c.SubjectArea, c.Status))]);
    }
}
