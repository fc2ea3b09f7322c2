using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.Meetings;

/// <summary>
/// Keeps the busy periods of officials. A reception day always wins: meetings it overlaps are flagged for
/// rescheduling and lose their busy period, in the caller's transaction. The exclusion constraint still decides
/// races (a meeting inserted meanwhile makes the caller's SaveChanges fail with 23P01).
/// </summary>
internal static class OfficialAgenda
{
    public static async Task<int> ReserveReceptionDayAsync(SchedulingDbContext db, ReceptionDay day, CancellationToken cancellationToken)
    {
        if (day.PresidingOfficialId is not { } official)
        {
            return 0;
        }

        var overlapping = await db.BusyPeriods
            .Where(b => b.OfficialId == official && b.MeetingId != null && b.StartsAt < day.EndsAt && day.StartsAt < b.EndsAt)
            .ToListAsync(cancellationToken);
        var meetingIds = overlapping.Select(b => b.MeetingId!.Value).ToList();
        var meetings = await db.Meetings.Where(m => meetingIds.Contains(m.Id)).ToListAsync(cancellationToken);
        foreach (var meeting in meetings)
        {
            meeting.NeedsRescheduling = true;
            meeting.DisplacedByReceptionDayId = day.Id;
        }

        db.BusyPeriods.RemoveRange(overlapping);
        // The removals must reach the database before the insert, or the constraint sees both rows.
        await db.SaveChangesAsync(cancellationToken);
        db.BusyPeriods.Add(new OfficialBusyPeriod
        {
            Id = Guid.CreateVersion7(),
            OfficialId = official,
            StartsAt = day.StartsAt,
            EndsAt = day.EndsAt,
            ReceptionDayId = day.Id,
        });
        return meetings.Count;
    }

    public static async Task ReleaseReceptionDayAsync(SchedulingDbContext db, Guid dayId, CancellationToken cancellationToken) =>
        await db.BusyPeriods.Where(b => b.ReceptionDayId == dayId).ExecuteDeleteAsync(cancellationToken);
}
