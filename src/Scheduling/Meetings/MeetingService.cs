using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.Meetings;

internal sealed record MeetingRequest(Guid OfficialId, string? Title, string? Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// Books officials' other meetings. The check before the insert only finds the clash to name it; the exclusion
/// constraint is what refuses it, so two concurrent requests cannot both get in.
/// </summary>
internal sealed class MeetingService(SchedulingDbContext db, WardClock clock)
{
    public async Task<Outcome<Meeting>> CreateAsync(MeetingRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 300)
        {
            return SchedulingError.Invalid("Meeting.TitleRequired", "title");
        }

        if (request.EndsAt <= request.StartsAt)
        {
            return SchedulingError.Invalid("Meeting.EndBeforeStart", "endsAt");
        }

        if (request.OfficialId == Guid.Empty)
        {
            return SchedulingError.Invalid("Meeting.OfficialRequired", "officialId");
        }

        // Two requests for the same hours each wait on the other's uncommitted row in the exclusion index; PostgreSQL
        // then aborts one as a deadlock (40P01). That is a race, not a fault: the insert is tried again in a fresh
        // transaction, where it meets the winner's committed row and is answered 409 like any other clash.
        var owned = db.Database.CurrentTransaction is null;
        for (var attempt = 1; ; attempt++)
        {
            var meeting = new Meeting
            {
                Id = Guid.CreateVersion7(),
                OfficialId = request.OfficialId,
                Title = request.Title.Trim(),
                Place = request.Place?.Trim(),
                StartsAt = request.StartsAt.ToUniversalTime(),
                EndsAt = request.EndsAt.ToUniversalTime(),
                CreatedAt = clock.UtcNow,
            };
            // Joins a rescheduling's transaction when there is one.
            await using var transaction = owned ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            db.Meetings.Add(meeting);
            db.BusyPeriods.Add(new OfficialBusyPeriod
            {
                Id = Guid.CreateVersion7(),
                OfficialId = meeting.OfficialId,
                StartsAt = meeting.StartsAt,
                EndsAt = meeting.EndsAt,
                BlockStartsAt = meeting.StartsAt,
                BlockEndsAt = meeting.EndsAt,
                MeetingId = meeting.Id,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return meeting;
            }
            catch (Exception ex) when (PostgresErrors.Is(ex, PostgresErrors.ExclusionViolation)
                || (PostgresErrors.Is(ex, PostgresErrors.DeadlockDetected) && !(owned && attempt < 3)))
            {
                // The transaction is aborted after the error: roll back before looking up what clashed.
                await db.Database.RollbackTransactionAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return SchedulingError.Conflict(await DescribeConflictAsync(meeting, cancellationToken));
            }
            catch (Exception ex) when (PostgresErrors.Is(ex, PostgresErrors.DeadlockDetected))
            {
                await db.Database.RollbackTransactionAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Moves a meeting (e.g. one flagged for rescheduling); same rules as booking it.</summary>
    public async Task<Outcome<Meeting>> RescheduleAsync(Guid meetingId, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return SchedulingError.NotFound("Meeting.NotFound");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BusyPeriods.Where(b => b.MeetingId == meetingId).ExecuteDeleteAsync(cancellationToken);
        await db.Meetings.Where(m => m.Id == meetingId).ExecuteDeleteAsync(cancellationToken);
        var created = await CreateAsync(new MeetingRequest(meeting.OfficialId, meeting.Title, meeting.Place, startsAt, endsAt), cancellationToken);
        if (!created.Succeeded)
        {
            return created;
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    private async Task<string> DescribeConflictAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var clash = await db.BusyPeriods.AsNoTracking()
            .Where(b => b.OfficialId == meeting.OfficialId && b.BlockStartsAt < meeting.EndsAt && meeting.StartsAt < b.BlockEndsAt)
            .OrderBy(b => b.StartsAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (clash?.ReceptionDayId is { } dayId
            && await db.ReceptionDays.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dayId, cancellationToken) is { } day)
        {
            return Messages.Format("Meeting.ClashesWithReceptionDay", day.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), day.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture), day.EndTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        }

        if (clash?.MeetingId is { } otherId
            && await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == otherId, cancellationToken) is { } other)
        {
            return Messages.Format("Meeting.ClashesWithMeeting", other.Title, clock.ToLocal(other.StartsAt).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), clock.ToLocal(other.EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture));
        }

        // The clashing row was removed between the refusal and this look-up: still a clash at the time.
        return Messages.Get("Meeting.ClashesUnknown");
    }
}
