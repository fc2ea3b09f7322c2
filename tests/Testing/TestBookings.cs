using System.Collections.Concurrent;
using DaoVien.OnlineReception.Scheduling.Bookings;

namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// Bookings for the lobby tests until the scheduling module's directory lands in main; it implements the same
/// contract (lookup by id, by join token, by date) over a dictionary.
/// </summary>
public sealed class TestBookings : IBookingDirectory
{
    private readonly ConcurrentDictionary<string, BookingSummary> _byToken = new(StringComparer.Ordinal);

    public BookingSummary Add(string token, DateOnly date, TimeOnly start, TimeOnly end, BookingStatus status = BookingStatus.Confirmed, int representatives = 1)
    {
        var booking = new BookingSummary(Guid.NewGuid(), "B-" + token[..4], Guid.NewGuid(), date, start, end, status,
            MatterKind.Complaint, "Đất đai", "Tranh chấp ranh giới thửa đất", "Nguyễn Văn Dân", representatives, Guid.NewGuid());
        _byToken[token] = booking;
        return booking;
    }

    public Task<BookingSummary?> FindAsync(Guid bookingId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byToken.Values.FirstOrDefault(b => b.Id == bookingId));

    public Task<BookingSummary?> FindByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byToken.Values.FirstOrDefault(b => b.Code == code));

    public Task<BookingSummary?> FindByJoinTokenAsync(string joinToken, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byToken.GetValueOrDefault(joinToken));

    public Task<IReadOnlyList<BookingSummary>> ListForDateAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<BookingSummary>>([.. _byToken.Values.Where(b => b.Date == date).OrderBy(b => b.SlotStart)]);
}
