using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling.Meetings;

/// <summary>What a reception day keeps free of the presiding official's meetings (<c>Scheduling:ReceptionDayBlocks</c>).</summary>
internal enum ReceptionDayBlocking
{
    /// <summary>The whole day in the ward's time (the plan, II.3: no other meeting on a reception day).</summary>
    WholeDay = 0,

    /// <summary>Only the reception hours.</summary>
    ReceptionHours = 1,
}

/// <summary>Turns a reception day into the period it blocks, per the setting.</summary>
internal sealed class ReceptionDayBlock(WardClock clock, IOptions<SchedulingOptions> options)
{
    public (DateTimeOffset StartsAt, DateTimeOffset EndsAt) Of(ReceptionDay day) =>
        options.Value.ReceptionDayBlocks == ReceptionDayBlocking.WholeDay
            ? (Min(clock.ToInstant(day.Date, TimeOnly.MinValue), day.StartsAt), Max(clock.ToInstant(day.Date.AddDays(1), TimeOnly.MinValue), day.EndsAt))
            : (day.StartsAt, day.EndsAt);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>
/// Keeps the busy periods of officials. A reception day always wins: meetings it overlaps are flagged for
/// rescheduling and lose their busy period, in the caller's transaction. The exclusion constraint still decides
/// races (a meeting inserted meanwhile makes the caller's SaveChanges fail with 23P01).
/// </summary>
internal static class OfficialAgenda
{
    public static async Task<int> ReserveReceptionDayAsync(SchedulingDbContext db, ReceptionDay day, ReceptionDayBlock blocks, CancellationToken cancellationToken)
    {
        if (day.PresidingOfficialId is not { } official)
        {
            return 0;
        }

        var (blockStarts, blockEnds) = blocks.Of(day);
        var overlapping = await db.BusyPeriods
            .Where(b => b.OfficialId == official && b.MeetingId != null && b.StartsAt < blockEnds && blockStarts < b.EndsAt)
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
        AddReceptionBlock(db, day, official, blockStarts, blockEnds);
        return meetings.Count;
    }

    /// <summary>
    /// Moves a reception day's busy period to its new presiding official (docs/adr/0083), in the caller's transaction.
    /// Unlike publishing, a hand-over displaces nothing: a meeting of the substitute inside the day's block makes the
    /// caller's SaveChanges fail with 23P01, and the caller refuses the hand-over.
    /// </summary>
    public static async Task HandOverReceptionDayAsync(SchedulingDbContext db, ReceptionDay day, ReceptionDayBlock blocks, CancellationToken cancellationToken)
    {
        await ReleaseReceptionDayAsync(db, day.Id, cancellationToken);
        if (day.PresidingOfficialId is not { } official)
        {
            return;
        }

        var (blockStarts, blockEnds) = blocks.Of(day);
        AddReceptionBlock(db, day, official, blockStarts, blockEnds);
    }

    private static void AddReceptionBlock(SchedulingDbContext db, ReceptionDay day, Guid official, DateTimeOffset blockStarts, DateTimeOffset blockEnds) =>
        db.BusyPeriods.Add(new OfficialBusyPeriod
        {
            Id = Guid.CreateVersion7(),
            OfficialId = official,
            StartsAt = day.StartsAt,
            EndsAt = day.EndsAt,
            BlockStartsAt = blockStarts,
            BlockEndsAt = blockEnds,
            ReceptionDayId = day.Id,
        });

    public static async Task ReleaseReceptionDayAsync(SchedulingDbContext db, Guid dayId, CancellationToken cancellationToken) =>
        await db.BusyPeriods.Where(b => b.ReceptionDayId == dayId).ExecuteDeleteAsync(cancellationToken);
}
