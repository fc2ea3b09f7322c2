using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.Meetings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Scheduling.ReceptionDays;

internal sealed record PublishResult(int Added, int MeetingsFlagged);

/// <summary>
/// Publishes the rules' reception days for a range. Idempotent: a rule occurrence already published (even if moved
/// or cancelled since) is never published again (unique index on rule + rule date).
/// </summary>
internal sealed class ReceptionDayPublisher(
    SchedulingDbContext db,
    IWorkingDayCalendar workingDays,
    IStaffDirectory staff,
    WardClock clock,
    IOptions<SchedulingOptions> options,
    ReceptionDayBlock blocks,
    ILogger<ReceptionDayPublisher> logger)
{
    public async Task<PublishResult> PublishAheadAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var result = await PublishAsync(today, today.AddDays(7 * options.Value.PublishWeeksAhead), cancellationToken);
        return result with { MeetingsFlagged = result.MeetingsFlagged + await RealignBlocksAsync(cancellationToken) };
    }

    /// <summary>
    /// Brings the blocks of future reception days in line with <c>Scheduling:ReceptionDayBlocks</c>: days published
    /// before the whole-day rule, or before the setting changed, get the block the setting asks for now (meetings
    /// the wider block covers are flagged for rescheduling, as when a day is published over them).
    /// </summary>
    private async Task<int> RealignBlocksAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var days = await db.ReceptionDays.AsNoTracking()
            .Where(d => d.Date >= today && d.Status == ReceptionDayStatus.Published && d.PresidingOfficialId != null)
            .ToListAsync(cancellationToken);
        var ids = days.Select(d => d.Id).ToList();
        var rows = await db.BusyPeriods.AsNoTracking().Where(b => b.ReceptionDayId != null && ids.Contains(b.ReceptionDayId.Value))
            .ToDictionaryAsync(b => b.ReceptionDayId!.Value, cancellationToken);
        var flagged = 0;
        foreach (var day in days.Where(d => rows.TryGetValue(d.Id, out var row) && (row.BlockStartsAt, row.BlockEndsAt) != blocks.Of(d)))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await OfficialAgenda.ReleaseReceptionDayAsync(db, day.Id, cancellationToken);
                flagged += await OfficialAgenda.ReserveReceptionDayAsync(db, day, blocks, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (PostgresErrors.Is(ex, PostgresErrors.ExclusionViolation))
            {
                // A meeting booked in between: the next run tries again (and flags it then).
                await transaction.RollbackAsync(cancellationToken);
                logger.LogWarning("Reception day {ReceptionDayId} keeps its old block for now: a meeting was booked meanwhile", day.Id);
            }

            db.ChangeTracker.Clear();
        }

        return flagged;
    }

    public async Task<PublishResult> PublishAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rules = await db.ReceptionRules.AsNoTracking().Where(r => r.IsActive).ToListAsync(cancellationToken);
        // Holidays a few weeks past the range too: a day at the end of the range may move into it.
        var calendar = await workingDays.LoadAsync(from, to.AddDays(30), cancellationToken);
        var added = 0;
        var flagged = 0;
        foreach (var rule in rules)
        {
            var published = (await db.ReceptionDays.AsNoTracking()
                .Where(d => d.RuleId == rule.Id && d.RuleDate >= from && d.RuleDate <= to)
                .Select(d => d.RuleDate!.Value)
                .ToListAsync(cancellationToken)).ToHashSet();
            var presiding = await ResolvePresidingAsync(rule.PresidingOfficialId, rule.PresidingRole, cancellationToken);
            if (presiding.Id is { } officialId)
            {
                flagged += await AdoptUnassignedDaysAsync(rule.Id, officialId, presiding.Name, cancellationToken);
            }

            foreach (var ruleDate in RuleOccurrences.Between(rule, from, to).Where(d => !published.Contains(d)))
            {
                var date = ruleDate;
                if (!calendar.IsWorkingDay(date))
                {
                    if (!options.Value.MoveHolidayToNextWorkingDay)
                    {
                        continue;
                    }

                    date = calendar.OnOrNextWorkingDay(date);
                }

                var day = new ReceptionDay
                {
                    Id = Guid.CreateVersion7(),
                    Date = date,
                    StartTime = rule.StartTime,
                    EndTime = rule.EndTime,
                    StartsAt = clock.ToInstant(date, rule.StartTime),
                    EndsAt = clock.ToInstant(date, rule.EndTime),
                    Kind = ReceptionDayKind.Regular,
                    RuleId = rule.Id,
                    RuleDate = ruleDate,
                    MovedFrom = date == ruleDate ? null : ruleDate,
                    Reason = date == ruleDate ? null : Messages.Get("Day.MovedForHoliday"),
                    PresidingOfficialId = presiding.Id,
                    PresidingName = presiding.Name,
                    Place = rule.Place,
                    Online = rule.Online,
                    SlotMinutes = rule.SlotMinutes,
                    Capacity = rule.Capacity,
                    Status = ReceptionDayStatus.Published,
                    PublishedAt = clock.UtcNow,
                };
                var result = await TryAddAsync(day, cancellationToken);
                if (result is { } meetingsFlagged)
                {
                    added++;
                    flagged += meetingsFlagged;
                }
            }
        }

        if (added > 0)
        {
            logger.LogInformation("Published {Added} reception days from {From} to {To}; {Flagged} meetings flagged for rescheduling", added, from, to, flagged);
        }

        return new PublishResult(added, flagged);
    }

    /// <summary>
    /// Days published while the rule only named a role (no account yet) get the official once one exists, and
    /// from then on block that official's meetings (docs/adr/0010).
    /// </summary>
    private async Task<int> AdoptUnassignedDaysAsync(Guid ruleId, Guid officialId, string name, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var unassigned = await db.ReceptionDays
            .Where(d => d.RuleId == ruleId && d.PresidingOfficialId == null && d.Status == ReceptionDayStatus.Published && d.Date >= today)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        var flagged = 0;
        foreach (var id in unassigned)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var day = await db.ReceptionDays.FirstAsync(d => d.Id == id, cancellationToken);
                day.PresidingOfficialId = officialId;
                day.PresidingName = name;
                await db.SaveChangesAsync(cancellationToken);
                flagged += await OfficialAgenda.ReserveReceptionDayAsync(db, day, blocks, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (PostgresErrors.Is(ex, PostgresErrors.ExclusionViolation) || PostgresErrors.Is(ex, PostgresErrors.UniqueViolation))
            {
                await transaction.RollbackAsync(cancellationToken);
                logger.LogWarning("Reception day {ReceptionDayId} could not be assigned to its official: the official is busy then", id);
            }

            db.ChangeTracker.Clear();
        }

        return flagged;
    }

    /// <summary>Adds the day and its busy period in one transaction; null when it was already there or clashes.</summary>
    internal async Task<int?> TryAddAsync(ReceptionDay day, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.ReceptionDays.Add(day);
            await db.SaveChangesAsync(cancellationToken);
            var flagged = await OfficialAgenda.ReserveReceptionDayAsync(db, day, blocks, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return flagged;
        }
        catch (DbUpdateException ex) when (PostgresErrors.Is(ex, PostgresErrors.UniqueViolation) || PostgresErrors.Is(ex, PostgresErrors.ExclusionViolation))
        {
            // Another publisher got there first, or the official already has a reception at that time.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            logger.LogWarning("Reception day {Date} of rule {RuleId} not published: {Reason}", day.Date, day.RuleId, (ex.InnerException as Npgsql.PostgresException)?.ConstraintName);
            return null;
        }
    }

    public async Task<(Guid? Id, string Name)> ResolvePresidingAsync(Guid? officialId, string? role, CancellationToken cancellationToken)
    {
        if (officialId is { } id && await staff.FindAsync(id, cancellationToken) is { } member)
        {
            return (member.Id, member.FullName);
        }

        if (role is not null)
        {
            // The first active holder of the role (accounts are listed by name): see docs/adr/0010.
            var holders = await staff.ListInRoleAsync(role, cancellationToken);
            if (holders.Count > 0)
            {
                return (holders[0].Id, holders[0].FullName);
            }

            return (null, Messages.Get("Role." + role));
        }

        return (officialId, Messages.Get("Role.Unknown"));
    }
}
