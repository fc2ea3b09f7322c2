using DaoVien.OnlineReception.Scheduling.Meetings;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using DaoVien.OnlineReception.Scheduling.Staff;
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
    ILogger<ReceptionDayPublisher> logger)
{
    public Task<PublishResult> PublishAheadAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        return PublishAsync(today, today.AddDays(7 * options.Value.PublishWeeksAhead), cancellationToken);
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
                    PublishedAt = clock.Now,
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

    /// <summary>Adds the day and its busy period in one transaction; null when it was already there or clashes.</summary>
    internal async Task<int?> TryAddAsync(ReceptionDay day, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.ReceptionDays.Add(day);
            await db.SaveChangesAsync(cancellationToken);
            var flagged = await OfficialAgenda.ReserveReceptionDayAsync(db, day, cancellationToken);
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
