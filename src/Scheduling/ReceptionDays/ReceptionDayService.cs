using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Meetings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

internal sealed record AdHocDayRequest(DateOnly Date, TimeOnly Start, TimeOnly End, Guid? PresidingOfficialId, string? Place, bool Online, string? Reason, int SlotMinutes = 20, int Capacity = 12);

/// <summary>Staff changes to published days: ad-hoc days, cancelling and moving (booked citizens are notified).</summary>
internal sealed class ReceptionDayService(
    SchedulingDbContext db,
    ReceptionDayPublisher publisher,
    NotificationComposer notifications,
    ReceptionDayBlock blocks,
    WardClock clock)
{
    public async Task<Outcome<ReceptionDay>> AddAdHocAsync(AdHocDayRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return SchedulingError.Invalid("Day.ReasonRequired", "reason");
        }

        if (request.End <= request.Start)
        {
            return SchedulingError.Invalid("Day.EndBeforeStart", "end");
        }

        if (request.Date < clock.Today)
        {
            return SchedulingError.Invalid("Day.InPast", "date");
        }

        if (request.SlotMinutes is < 5 or > 240 || request.Capacity is < 1 or > 100)
        {
            return SchedulingError.Invalid("Day.BadSlots", "slotMinutes");
        }

        var presiding = await publisher.ResolvePresidingAsync(request.PresidingOfficialId, Kernel.Staff.StaffRoles.Chairman, cancellationToken);
        var day = new ReceptionDay
        {
            Id = Guid.CreateVersion7(),
            Date = request.Date,
            StartTime = request.Start,
            EndTime = request.End,
            StartsAt = clock.ToInstant(request.Date, request.Start),
            EndsAt = clock.ToInstant(request.Date, request.End),
            Kind = ReceptionDayKind.AdHoc,
            Reason = request.Reason.Trim(),
            PresidingOfficialId = presiding.Id,
            PresidingName = presiding.Name,
            Place = string.IsNullOrWhiteSpace(request.Place) ? Messages.Get("Day.DefaultPlace") : request.Place.Trim(),
            Online = request.Online,
            SlotMinutes = request.SlotMinutes,
            Capacity = request.Capacity,
            Status = ReceptionDayStatus.Published,
            PublishedAt = clock.UtcNow,
        };
        if (await publisher.TryAddAsync(day, cancellationToken) is null)
        {
            return SchedulingError.Conflict(Messages.Format("Day.ClashesWithReception", request.Date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return day;
    }

    public async Task<Outcome<ReceptionDay>> CancelAsync(Guid dayId, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return SchedulingError.Invalid("Day.ReasonRequired", "reason");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var day = await db.ReceptionDays.FirstOrDefaultAsync(d => d.Id == dayId, cancellationToken);
        if (day is null || day.Status == ReceptionDayStatus.Cancelled)
        {
            return SchedulingError.NotFound("Day.NotFound");
        }

        day.Status = ReceptionDayStatus.Cancelled;
        day.CancelReason = reason.Trim();
        var bookings = await ActiveBookings(dayId).ToListAsync(cancellationToken);
        foreach (var booking in bookings)
        {
            booking.Status = BookingStatus.Cancelled;
            booking.DecidedAt = clock.UtcNow;
            notifications.DayCancelled(booking, day, day.CancelReason);
        }

        await OfficialAgenda.ReleaseReceptionDayAsync(db, dayId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return day;
    }

    public async Task<Outcome<ReceptionDay>> MoveAsync(Guid dayId, DateOnly newDate, TimeOnly? newStart, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return SchedulingError.Invalid("Day.ReasonRequired", "reason");
        }

        if (newDate < clock.Today)
        {
            return SchedulingError.Invalid("Day.InPast", "date");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var day = await db.ReceptionDays.FirstOrDefaultAsync(d => d.Id == dayId && d.Status == ReceptionDayStatus.Published, cancellationToken);
        if (day is null)
        {
            return SchedulingError.NotFound("Day.NotFound");
        }

        var previousDate = day.Date;
        var start = newStart ?? day.StartTime;
        var shift = start - day.StartTime;
        var end = day.EndTime.Add(shift, out var wrapped);
        if (wrapped != 0 || end <= start)
        {
            return SchedulingError.Invalid("Day.EndBeforeStart", "start");
        }

        day.MovedFrom ??= previousDate;
        day.Date = newDate;
        day.StartTime = start;
        day.EndTime = end;
        day.StartsAt = clock.ToInstant(newDate, start);
        day.EndsAt = clock.ToInstant(newDate, end);
        day.Reason = reason.Trim();
        var bookings = await ActiveBookings(dayId).ToListAsync(cancellationToken);
        try
        {
            // Each citizen keeps their place in the day's order. Rows are shifted one by one, furthest first, so
            // the one-booking-per-slot index never sees two bookings on one slot in between.
            foreach (var booking in shift > TimeSpan.Zero ? bookings.OrderByDescending(b => b.SlotStart) : bookings.OrderBy(b => b.SlotStart))
            {
                booking.SlotStart = booking.SlotStart.Add(shift);
                booking.SlotEnd = booking.SlotEnd.Add(shift);
                notifications.DayMoved(booking, day, previousDate, day.Reason);
                await db.SaveChangesAsync(cancellationToken);
            }

            await OfficialAgenda.ReleaseReceptionDayAsync(db, dayId, cancellationToken);
            await OfficialAgenda.ReserveReceptionDayAsync(db, day, blocks, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (PostgresErrors.Is(ex, PostgresErrors.ExclusionViolation) || PostgresErrors.Is(ex, PostgresErrors.UniqueViolation))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return SchedulingError.Conflict(Messages.Format("Day.ClashesWithReception", newDate.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        }

        await transaction.CommitAsync(cancellationToken);
        return day;
    }

    private IQueryable<Booking> ActiveBookings(Guid dayId) =>
        db.Bookings.Where(b => b.ReceptionDayId == dayId && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed));
}
