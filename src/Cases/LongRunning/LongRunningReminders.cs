using System.Globalization;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Cases.Notifications;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.LongRunning;

/// <summary>
/// The long-running register's part of the daily deadline sweep (docs/adr/0087): a plan step's owner is reminded at the
/// working-day thresholds of legal deadlines, and once the step is overdue the owner and the chairmen are alerted; when
/// a review falls due the case's assignee and the chairmen are reminded. Only open cases. The rows are ordinary
/// <see cref="CaseNotification"/>s keyed by step or entry, due date and recipient, so they join the day's digest once,
/// and a moved due date starts new reminders. Messages name the case number and the step, never a person of the case.
/// </summary>
internal sealed class LongRunningReminders(CasesDbContext db, IWorkingDayCalendar workingDays, WardClock clock) : IFollowUpNotices
{
    private static readonly CaseStatus[] Finished = [CaseStatus.Closed, CaseStatus.Resolved, CaseStatus.Refused, CaseStatus.Transferred, CaseStatus.Guided];

    public async Task<List<CaseNotification>> PlanAsync(DateOnly today, IReadOnlyList<StaffMember> chairmen, IReadOnlyList<int> thresholds, CancellationToken cancellationToken)
    {
        var entries = await db.LongRunningCases.AsNoTracking().Include(l => l.Steps.Where(s => s.DoneOn == null))
            .Join(db.Cases.Where(c => !Finished.Contains(c.Status)), l => l.CaseId, c => c.Id, (l, c) => new { Entry = l, c.Number, c.AssigneeId })
            .ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return [];
        }

        var maxThreshold = thresholds.DefaultIfEmpty(0).Max();
        var calendar = await workingDays.LoadAsync(today.AddDays(-7), today.AddDays((maxThreshold * 3) + 30), cancellationToken);
        var horizon = calendar.AddWorkingDays(today, maxThreshold);
        var rows = new List<CaseNotification>();
        foreach (var x in entries)
        {
            if (x.Entry.IsReviewDueOn(today))
            {
                var review = x.Entry.NextReviewOn;
                foreach (var recipient in chairmen.Select(c => c.Id).Concat(x.AssigneeId is { } a ? [a] : []).Distinct())
                {
                    rows.Add(Row(x.Entry.CaseId, x.Number, recipient, NotificationKind.Reminder, review,
                        string.Create(CultureInfo.InvariantCulture, $"lr-review:{x.Entry.Id:N}:{Key(review)}:{recipient:N}"),
                        string.Create(CultureInfo.InvariantCulture, $"Hồ sơ {x.Number} (vụ việc phức tạp, kéo dài{(x.Entry.IsHotspot ? ", nguy cơ điểm nóng" : "")}): đến hạn rà soát ({review:dd/MM/yyyy})")));
                }
            }

            foreach (var step in x.Entry.Steps)
            {
                if (step.IsOverdueOn(today))
                {
                    foreach (var recipient in chairmen.Select(c => c.Id).Append(step.OwnerId).Distinct())
                    {
                        rows.Add(Row(x.Entry.CaseId, x.Number, recipient, NotificationKind.Overdue, step.DueOn,
                            string.Create(CultureInfo.InvariantCulture, $"lr-step-overdue:{step.Id:N}:{Key(step.DueOn)}:{recipient:N}"),
                            string.Create(CultureInfo.InvariantCulture, $"Hồ sơ {x.Number} quá hạn bước {step.Position} của kế hoạch giải quyết (hạn {step.DueOn:dd/MM/yyyy}): {Short(step.Action)}")));
                    }

                    continue;
                }

                if (step.DueOn > horizon)
                {
                    continue;
                }

                var left = calendar.WorkingDaysBetween(today, step.DueOn);
                // Only the nearest threshold reached: a sweep that missed days sends one reminder, not a burst.
                var threshold = thresholds.Where(t => left <= t).DefaultIfEmpty(-1).Min();
                if (threshold < 0)
                {
                    continue;
                }

                rows.Add(Row(x.Entry.CaseId, x.Number, step.OwnerId, NotificationKind.Reminder, step.DueOn,
                    string.Create(CultureInfo.InvariantCulture, $"lr-step-reminder:{step.Id:N}:{Key(step.DueOn)}:{threshold}:{step.OwnerId:N}"),
                    string.Create(CultureInfo.InvariantCulture, $"Hồ sơ {x.Number}: còn {left} ngày làm việc đến hạn bước {step.Position} của kế hoạch giải quyết ({step.DueOn:dd/MM/yyyy}): {Short(step.Action)}")));
            }
        }

        return rows;
    }

    private CaseNotification Row(Guid caseId, string number, Guid recipient, NotificationKind kind, DateOnly due, string key, string message) => new()
    {
        Id = Guid.NewGuid(), RecipientId = recipient, CaseId = caseId, CaseNumber = number, Kind = kind, DedupKey = key, Message = message, DueDate = due, CreatedAt = clock.UtcNow,
    };

    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // The notification's message column is bounded; the step's full text is on the plan page. Never cut a surrogate pair.
    private static string Short(string action)
    {
        if (action.Length <= 120)
        {
            return action.ReplaceLineEndings(" ");
        }

        var cut = char.IsHighSurrogate(action[118]) ? 118 : 119;
        return action[..cut].ReplaceLineEndings(" ") + "…";
    }
}
