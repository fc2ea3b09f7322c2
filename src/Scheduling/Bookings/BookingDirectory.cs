using System.Linq.Expressions;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

internal sealed class BookingDirectory(SchedulingDbContext db) : IBookingDirectory
{
    public async Task<BookingSummary?> FindAsync(Guid bookingId, CancellationToken cancellationToken = default) =>
        (await ListAsync(b => b.Id == bookingId, d => true, cancellationToken)).FirstOrNull();

    public async Task<BookingParticulars?> FindParticularsAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        var booking = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId && b.SealedIdentity == null)
            .Select(b => new { b.FullName, b.CitizenIdNumber, b.Phone, b.Email, b.Address, b.Representatives })
            .SingleOrDefaultAsync(cancellationToken);
        // An unsealed booking always has them (the booking form requires each); the check keeps a hand-edited row out.
        return booking is { FullName: { } name, CitizenIdNumber: { } id, Phone: { } phone, Address: { } address }
            ? new BookingParticulars(name, id, phone, booking.Email, address, booking.Representatives ?? [])
            : null;
    }

    public async Task<IReadOnlyList<Guid>> SameCitizenAsync(Guid bookingId, CancellationToken cancellationToken = default)
    {
        var idNumber = await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId).Select(b => b.CitizenIdNumber).SingleOrDefaultAsync(cancellationToken);
        return idNumber is null
            ? [bookingId]
            : await db.Bookings.AsNoTracking().Where(b => b.Id == bookingId || b.CitizenIdNumber == idNumber).Select(b => b.Id).ToListAsync(cancellationToken);
    }

    public async Task<BookingSummary?> FindByJoinTokenAsync(string joinToken, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(joinToken) || joinToken.Length > 100)
        {
            return null;
        }

        var hash = JoinTokens.Hash(joinToken);
        return (await ListAsync(b => b.JoinTokenHash == hash, d => true, cancellationToken)).FirstOrNull();
    }

    public async Task<BookingSummary?> FindByCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var normalized = JoinTokens.NormalizeCode(code);
        return (await ListAsync(b => b.Code == normalized, d => true, cancellationToken)).FirstOrNull();
    }

    public async Task<IReadOnlyList<BookingSummary>> ListForDateAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        await ListAsync(b => true, d => d.Date == date, cancellationToken);

    public async Task<IReadOnlyList<BookingSummary>> ListPendingAsync(DateOnly from, CancellationToken cancellationToken = default) =>
        await ListAsync(b => b.Status == BookingStatus.Pending, d => d.Date >= from, cancellationToken);

    private async Task<List<BookingSummary>> ListAsync(
        Expression<Func<Booking, bool>> bookingFilter, Expression<Func<ReceptionDay, bool>> dayFilter, CancellationToken cancellationToken)
    {
        var rows = await (from booking in db.Bookings.AsNoTracking().Where(bookingFilter)
                          join day in db.ReceptionDays.AsNoTracking().Where(dayFilter) on booking.ReceptionDayId equals day.Id
                          orderby day.StartsAt, booking.SlotStart
                          select new { booking, day }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToSummary(r.booking, r.day))];
    }

    private static BookingSummary ToSummary(Booking booking, ReceptionDay day) => new(
        booking.Id,
        booking.Code,
        day.Id,
        day.Date,
        booking.SlotStart,
        booking.SlotEnd,
        booking.Status,
        booking.Kind,
        booking.SubjectArea,
        booking.Summary,
        booking.IsSealed ? null : booking.FullName,
        booking.RepresentativeCount,
        day.PresidingOfficialId ?? Guid.Empty,
        booking.SealedIdentity);
}

internal static class ListExtensions
{
    public static T? FirstOrNull<T>(this List<T> list)
        where T : class => list.Count > 0 ? list[0] : null;
}
