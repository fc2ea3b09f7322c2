using System.Globalization;
using DaoVien.OnlineReception.Cases.Deadlines;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DaoVien.OnlineReception.Cases.Notifications;

/// <summary>What one sweep did.</summary>
internal sealed record SweepResult(int Recomputed, int RemindersSent, int OverdueAlertsSent, int DigestsQueued = 0, int ReportBackAlertsSent = 0, int LongRunningNoticesSent = 0);

/// <summary>
/// The daily pass over open deadlines: recompute them against the current holiday list (a holiday edit moves them),
/// remind the assignee at each configured number of working days before, alert the chairman the day after, and mail
/// each recipient one digest of the day. Every notification has a unique key and every digest is unique per person and
/// day, so running twice — or catching up after a missed day — sends nothing twice. Forwarded letters' report-backs
/// are reminded and alerted in the same pass (<see cref="ReportBackReminders"/>, docs/adr/0085), and so are the plan
/// steps and reviews of long-running cases (<see cref="IFollowUpNotices"/>, docs/adr/0087).
/// </summary>
internal sealed class DeadlineSweep(
    CasesDbContext db,
    DeadlineService deadlines,
    IStaffDirectory staff,
    IOptions<ReminderOptions> reminders,
    DigestMailer digests,
    ReportBackReminders reportBacks,
    IFollowUpNotices longRunning,
    WardClock clock,
    ILogger<DeadlineSweep> logger)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var open = await db.Cases
            .Include(c => c.Deadlines)
            .Include(c => c.Extensions)
            .Include(c => c.History)
            .Where(c => c.Deadlines.Any(d => d.CompletedOn == null))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var calendar = await deadlines.LoadCalendarAsync(open, cancellationToken);
        var recomputed = 0;
        foreach (var file in open.Where(f => deadlines.Recompute(f, calendar)))
        {
            file.History.Add(new CaseHistoryEntry { CaseId = file.Id, At = clock.UtcNow, ActorName = CaseActor.System.Name, Action = "Recomputed", Details = "Tính lại thời hạn theo lịch ngày nghỉ hiện hành" });
            recomputed++;
        }

        await db.SaveChangesAsync(cancellationToken);

        var chairmen = await staff.ListInRoleAsync(StaffRoles.Chairman, cancellationToken);
        var thresholds = reminders.Value.Thresholds;
        var existing = (await db.Notifications.AsNoTracking().Where(n => open.Select(o => o.Id).Contains(n.CaseId)).Select(n => n.DedupKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var fresh = new List<CaseNotification>();
        foreach (var file in open)
        {
            foreach (var deadline in file.Deadlines.Where(d => d.CompletedOn is null))
            {
                var due = deadline.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (deadline.IsOverdueOn(today))
                {
                    foreach (var chairman in chairmen)
                    {
                        Add(fresh, existing, new CaseNotification
                        {
                            Id = Guid.NewGuid(), RecipientId = chairman.Id, CaseId = file.Id, CaseNumber = file.Number, Kind = NotificationKind.Overdue,
                            DedupKey = $"overdue:{deadline.Id:N}:{due}:{chairman.Id:N}",
                            Message = string.Create(CultureInfo.InvariantCulture, $"Hồ sơ {file.Number} quá hạn {KindText(deadline.Kind)} (hạn {deadline.DueDate:dd/MM/yyyy})"),
                            DueDate = deadline.DueDate, CreatedAt = clock.UtcNow,
                        });
                    }

                    continue;
                }

                if (file.AssigneeId is not { } assignee)
                {
                    continue;
                }

                var left = calendar.WorkingDaysBetween(today, deadline.DueDate);
                // Only the nearest threshold reached: a sweep that missed days sends one reminder, not a burst.
                var threshold = thresholds.Where(t => left <= t).DefaultIfEmpty(-1).Min();
                if (threshold < 0)
                {
                    continue;
                }

                Add(fresh, existing, new CaseNotification
                {
                    Id = Guid.NewGuid(), RecipientId = assignee, CaseId = file.Id, CaseNumber = file.Number, Kind = NotificationKind.Reminder,
                    DedupKey = string.Create(CultureInfo.InvariantCulture, $"reminder:{deadline.Id:N}:{due}:{threshold}:{assignee:N}"),
                    Message = string.Create(CultureInfo.InvariantCulture, $"Hồ sơ {file.Number}: còn {left} ngày làm việc đến hạn {KindText(deadline.Kind)} ({deadline.DueDate:dd/MM/yyyy})"),
                    DueDate = deadline.DueDate, CreatedAt = clock.UtcNow,
                });
            }
        }

        var reportBackFresh = await NotYetSentAsync(await reportBacks.PlanAsync(today, chairmen, thresholds, cancellationToken), cancellationToken);
        var longRunningFresh = await NotYetSentAsync(await longRunning.PlanAsync(today, chairmen, thresholds, cancellationToken), cancellationToken);

        var sent = await InsertAsync(fresh, cancellationToken);
        var reportBackSent = await InsertAsync(reportBackFresh, cancellationToken);
        var longRunningSent = await InsertAsync(longRunningFresh, cancellationToken);
        // The same pass mails them: each recipient's new rows go into one digest of the day (docs/adr/0065).
        var mailed = await digests.SendAsync(cancellationToken);
        var result = new SweepResult(recomputed, sent.Count(n => n.Kind == NotificationKind.Reminder), sent.Count(n => n.Kind == NotificationKind.Overdue), mailed, reportBackSent.Count, longRunningSent.Count);
        logger.LogInformation("Deadline sweep on {Today}: {Recomputed} recomputed, {Reminders} reminders, {Overdue} overdue alerts, {ReportBacks} report-back notices, {LongRunning} long-running case notices, {Digests} digests queued", today, result.Recomputed, result.RemindersSent, result.OverdueAlertsSent, result.ReportBackAlertsSent, result.LongRunningNoticesSent, result.DigestsQueued);
        return result;
    }

    /// <summary>The planned rows whose key has not been stored yet (by an earlier sweep today or another day).</summary>
    private async Task<List<CaseNotification>> NotYetSentAsync(List<CaseNotification> planned, CancellationToken cancellationToken)
    {
        var keys = planned.Select(r => r.DedupKey).ToList();
        var existing = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var fresh = new List<CaseNotification>();
        foreach (var n in planned)
        {
            Add(fresh, existing, n);
        }

        return fresh;
    }

    private static void Add(List<CaseNotification> fresh, HashSet<string> existing, CaseNotification n)
    {
        if (existing.Add(n.DedupKey))
        {
            fresh.Add(n);
        }
    }

    private async Task<List<CaseNotification>> InsertAsync(List<CaseNotification> fresh, CancellationToken cancellationToken)
    {
        var sent = new List<CaseNotification>();
        foreach (var n in fresh)
        {
            db.Notifications.Add(n);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                sent.Add(n);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent sweep (another node, a manual run) sent it first: that is the idempotence we want.
                db.Entry(n).State = EntityState.Detached;
            }
        }

        return sent;
    }

    private static string KindText(DeadlineKind kind) => kind switch
    {
        DeadlineKind.ReceptionReply => "trả lời sau tiếp công dân",
        DeadlineKind.Acceptance => "thụ lý / xử lý ban đầu",
        DeadlineKind.Notification => "thông báo thụ lý",
        DeadlineKind.ReferralAnswer => "chờ trả lời của cơ quan điều tra",
        _ => "giải quyết",
    };
}
