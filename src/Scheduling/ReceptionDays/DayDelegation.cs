using System.Globalization;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Meetings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

/// <summary>Who asks for a hand-over: their account, sign-in name, and whether they manage the calendar (office roles).</summary>
internal sealed record DelegationCaller(Guid StaffId, string UserName, bool ManagesCalendar);

/// <summary>
/// Hands one published reception day to another presiding official for that day only (docs/adr/0083): the chairman
/// falls ill on his reception morning and a vice-chairman or a head of unit receives in his place. The day's busy
/// period moves to the substitute in the same transaction (refused, changing nothing, when the substitute has a
/// meeting that day), the booked citizens are told through the outbox, and the hand-over is kept on the day and logged.
/// Admission in the hub follows the day's presiding official, so the substitute admits from then on.
/// </summary>
internal sealed partial class DayDelegation(
    SchedulingDbContext db,
    IStaffDirectory staff,
    NotificationComposer notifications,
    ReceptionDayBlock blocks,
    WardClock clock,
    ILogger<DayDelegation> logger)
{
    public const int MaxReasonLength = 500;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<Outcome<ReceptionDay>> HandOverAsync(Guid dayId, Guid? substituteId, string? reason, DelegationCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var seen = await db.ReceptionDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dayId && d.Status == ReceptionDayStatus.Published, cancellationToken);
        var (substitute, invalid) = await CheckAsync(seen, substituteId, reason, caller, cancellationToken);
        if (invalid is not null)
        {
            return Refused(dayId, caller, invalid);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The row lock serializes two hand-overs of one day; the checks run again on what is locked.
        var day = (await db.ReceptionDays.FromSql($"SELECT * FROM scheduling.reception_days WHERE \"Id\" = {dayId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
        if (day is null || day.Status != ReceptionDayStatus.Published)
        {
            return Refused(dayId, caller, SchedulingError.NotFound("Day.NotFound"));
        }

        if ((await CheckAsync(day, substituteId, reason, caller, cancellationToken)).Error is { } changed)
        {
            return Refused(dayId, caller, changed);
        }

        var previousId = day.PresidingOfficialId;
        var previousName = day.PresidingName;
        if (day.SubstituteForName is null)
        {
            // The first hand-over: the official the calendar published is the one the substitute stands in for.
            day.SubstituteForOfficialId = previousId;
            day.SubstituteForName = previousName;
        }
        else if (day.SubstituteForOfficialId == substitute!.Id)
        {
            // Handed back to the official published: the calendar shows them alone again.
            day.SubstituteForOfficialId = null;
            day.SubstituteForName = null;
        }

        day.PresidingOfficialId = substitute!.Id;
        day.PresidingName = substitute.FullName;
        day.DelegatedBy = caller.UserName;
        day.DelegatedAt = clock.UtcNow;
        day.DelegationReason = reason!.Trim();
        try
        {
            await OfficialAgenda.HandOverReceptionDayAsync(db, day, blocks, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (PostgresErrors.Is(ex, PostgresErrors.ExclusionViolation))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return Refused(dayId, caller, SchedulingError.Conflict(await DescribeClashAsync(substitute, dayId, cancellationToken)));
        }

        var bookings = await db.Bookings
            .Where(b => b.ReceptionDayId == dayId && (b.Status == BookingStatus.Pending || b.Status == BookingStatus.Confirmed))
            .ToListAsync(cancellationToken);
        foreach (var booking in bookings)
        {
            notifications.PresidingChanged(booking, day, previousName, day.DelegationReason);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogHandedOver(day.Id, day.Date, caller.UserName, previousId, previousName, substitute.Id, substitute.FullName, day.DelegationReason, bookings.Count);
        return day;
    }

    private async Task<(StaffMember? Substitute, SchedulingError? Error)> CheckAsync(ReceptionDay? day, Guid? substituteId, string? reason, DelegationCaller caller, CancellationToken cancellationToken)
    {
        if (day is null)
        {
            return (null, SchedulingError.NotFound("Day.NotFound"));
        }

        // The office manages the calendar (it moves and cancels days); otherwise only the day's own presiding official.
        if (!caller.ManagesCalendar && day.PresidingOfficialId != caller.StaffId)
        {
            return (null, SchedulingError.Forbidden("Delegation.NotAllowed"));
        }

        if (day.EndsAt <= clock.UtcNow)
        {
            return (null, SchedulingError.Invalid("Delegation.Past"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, SchedulingError.Invalid("Day.ReasonRequired", "reason"));
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return (null, SchedulingError.Invalid("Delegation.ReasonTooLong", "reason", MaxReasonLength));
        }

        if (substituteId is not { } id || id == Guid.Empty)
        {
            return (null, SchedulingError.Invalid("Delegation.SubstituteRequired", "substituteId"));
        }

        var member = await staff.FindAsync(id, cancellationToken);
        if (member is { IsActive: true } && member.Roles.Contains(StaffRoles.Admin))
        {
            return (null, SchedulingError.Invalid("Delegation.SubstituteIsAdmin", "substituteId"));
        }

        if (member is not { IsActive: true } || !StaffRoles.MayPreside(member.Roles))
        {
            return (null, SchedulingError.Invalid("Delegation.BadSubstitute", "substituteId"));
        }

        if (member.Id == day.PresidingOfficialId)
        {
            return (null, SchedulingError.Invalid("Delegation.AlreadyPresides", "substituteId", member.FullName));
        }

        return (member, null);
    }

    /// <summary>Names what the substitute has that day (after the refusal, outside the aborted transaction).</summary>
    private async Task<string> DescribeClashAsync(StaffMember substitute, Guid dayId, CancellationToken cancellationToken)
    {
        var day = await db.ReceptionDays.AsNoTracking().FirstAsync(d => d.Id == dayId, cancellationToken);
        var (blockStarts, blockEnds) = blocks.Of(day);
        var date = day.Date.ToString("dd/MM/yyyy", Inv);
        var clash = await db.BusyPeriods.AsNoTracking()
            .Where(b => b.OfficialId == substitute.Id && b.ReceptionDayId != dayId
                && ((b.MeetingId != null && b.BlockStartsAt < blockEnds && blockStarts < b.BlockEndsAt) || (b.StartsAt < day.EndsAt && day.StartsAt < b.EndsAt)))
            .OrderBy(b => b.StartsAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (clash?.MeetingId is { } meetingId && await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken) is { } meeting)
        {
            return Messages.Format("Delegation.ClashesWithMeeting", substitute.FullName, meeting.Title,
                clock.ToLocal(meeting.StartsAt).ToString("HH:mm", Inv), clock.ToLocal(meeting.EndsAt).ToString("HH:mm", Inv), date);
        }

        if (clash is not null)
        {
            return Messages.Format("Delegation.ClashesWithReception", substitute.FullName, date,
                clock.ToLocal(clash.StartsAt).ToString("HH:mm", Inv), clock.ToLocal(clash.EndsAt).ToString("HH:mm", Inv));
        }

        // The clashing row went away between the refusal and this look-up: it was a clash at the time.
        return Messages.Format("Delegation.ClashesUnknown", substitute.FullName, date);
    }

    private SchedulingError Refused(Guid dayId, DelegationCaller caller, SchedulingError error)
    {
        LogRefused(dayId, caller.UserName, error.Status, error.Message);
        return error;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reception day {ReceptionDayId} of {Date} handed over by {UserName} from {FromOfficialId} ({FromName}) to {ToOfficialId} ({ToName}), reason: {Reason}; {Bookings} booked citizens notified")]
    private partial void LogHandedOver(Guid receptionDayId, DateOnly date, string userName, Guid? fromOfficialId, string fromName, Guid toOfficialId, string toName, string reason, int bookings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-over of reception day {ReceptionDayId} asked by {UserName} refused with {Status}: {Problem}")]
    private partial void LogRefused(Guid receptionDayId, string userName, int status, string problem);
}
