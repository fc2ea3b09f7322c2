using System.Globalization;
using DaoVien.OnlineReception.Cases.Notifications;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling.WorkingDays;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.ForwardedLetters;

/// <summary>
/// The report-back part of the daily deadline sweep (docs/adr/0085): the assignee is reminded at the same working-day
/// thresholds as for legal deadlines; once the due date has passed the assignee and the chairmen are alerted. The
/// rows are ordinary <see cref="CaseNotification"/>s with their own keys (letter, due date, threshold, recipient), so
/// they go into the day's digest and a progress report's new due date starts new reminders.
/// </summary>
internal sealed class ReportBackReminders(CasesDbContext db, IWorkingDayCalendar workingDays, WardClock clock)
{
    public async Task<List<CaseNotification>> PlanAsync(DateOnly today, IReadOnlyList<StaffMember> chairmen, IReadOnlyList<int> thresholds, CancellationToken cancellationToken)
    {
        var owed = await db.ForwardedLetters.AsNoTracking().Include(l => l.Reports)
            .Where(l => l.Reports.All(r => r.Kind != ReportBackKind.Result))
            .Join(db.Cases, l => l.CaseId, c => c.Id, (l, c) => new { Letter = l, c.Number, c.AssigneeId })
            .ToListAsync(cancellationToken);
        if (owed.Count == 0)
        {
            return [];
        }

        var maxThreshold = thresholds.DefaultIfEmpty(0).Max();
        // Working days are counted only up to the largest threshold ahead; anything further is not yet reminded.
        var calendar = await workingDays.LoadAsync(today.AddDays(-7), today.AddDays((maxThreshold * 3) + 30), cancellationToken);
        var horizon = calendar.AddWorkingDays(today, maxThreshold);
        var rows = new List<CaseNotification>();
        foreach (var x in owed)
        {
            var due = ReportBackState.CurrentDue(x.Letter, x.Letter.Reports);
            var dueKey = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (today > due)
            {
                var recipients = chairmen.Select(c => c.Id).Concat(x.AssigneeId is { } a ? [a] : []).Distinct();
                foreach (var recipient in recipients)
                {
                    rows.Add(new CaseNotification
                    {
                        Id = Guid.NewGuid(), RecipientId = recipient, CaseId = x.Letter.CaseId, CaseNumber = x.Number, Kind = NotificationKind.Overdue,
                        DedupKey = $"reportback-overdue:{x.Letter.Id:N}:{dueKey}:{recipient:N}",
                        Message = string.Create(CultureInfo.InvariantCulture, $"Hồ sơ {x.Number} quá hạn báo cáo kết quả đơn chuyển đến (hạn {due:dd/MM/yyyy})"),
                        DueDate = due, CreatedAt = clock.UtcNow,
                    });
                }

                continue;
            }

            if (x.AssigneeId is not { } assignee || due > horizon)
            {
                continue;
            }

            var left = calendar.WorkingDaysBetween(today, due);
            var threshold = thresholds.Where(t => left <= t).DefaultIfEmpty(-1).Min();
            if (threshold < 0)
            {
                continue;
            }

            rows.Add(new CaseNotification
            {
                Id = Guid.NewGuid(), RecipientId = assignee, CaseId = x.Letter.CaseId, CaseNumber = x.Number, Kind = NotificationKind.Reminder,
                DedupKey = string.Create(CultureInfo.InvariantCulture, $"reportback-reminder:{x.Letter.Id:N}:{dueKey}:{threshold}:{assignee:N}"),
                Message = string.Create(CultureInfo.InvariantCulture, $"Hồ sơ {x.Number}: còn {left} ngày làm việc đến hạn báo cáo kết quả đơn chuyển đến ({due:dd/MM/yyyy})"),
                DueDate = due, CreatedAt = clock.UtcNow,
            });
        }

        return rows;
    }
}
