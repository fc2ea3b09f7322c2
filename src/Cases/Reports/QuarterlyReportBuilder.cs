using System.Text.Json;
using DaoVien.OnlineReception.Cases.ForwardedLetters;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Cases.Reports;

/// <summary>
/// Builds the quarterly report from the case files: cases received in the quarter by kind, current status, subject
/// area and channel; receptions by channel; on-time rate of the deadlines that fell due in the quarter (met on or
/// before the due date); deadlines overdue at the report date; forwarded letters and their report-backs by source kind;
/// the ward plan's quality figures (<see cref="QualityFiguresBuilder"/>).
/// </summary>
internal sealed class QuarterlyReportBuilder(CasesDbContext db, QualityFiguresBuilder quality, WardClock clock)
{
    public async Task<QuarterlyReport> BuildAsync(int year, int quarter, CancellationToken cancellationToken)
    {
        var (from, to) = QuarterlyReport.Range(year, quarter);
        var asOf = clock.Today < to ? clock.Today : to;
        var cases = await db.Cases.AsNoTracking().Where(c => c.ReceivedOn >= from && c.ReceivedOn <= to)
            .Select(c => new { c.Kind, c.Status, c.SubjectArea, c.Channel }).ToListAsync(cancellationToken);
        var receptions = await db.Receptions.AsNoTracking().Where(r => r.Date >= from && r.Date <= to)
            .Select(r => r.Channel).ToListAsync(cancellationToken);
        var due = await db.Deadlines.AsNoTracking().Where(d => d.DueDate >= from && d.DueDate <= to && d.DueDate <= asOf)
            .Select(d => new { d.DueDate, d.CompletedOn }).ToListAsync(cancellationToken);
        var overdue = await db.Deadlines.AsNoTracking()
            .Where(d => d.DueDate < asOf && (d.CompletedOn == null || d.CompletedOn > asOf))
            .OrderBy(d => d.DueDate)
            .Select(d => new { d.CaseId, d.Case!.Number, CaseKind = d.Case.Kind, DeadlineKind = d.Kind, d.DueDate })
            .ToListAsync(cancellationToken);

        return new QuarterlyReport(
            year, quarter, from, to, asOf, cases.Count, receptions.Count,
            Count(cases.Select(c => c.Kind.ToString())),
            Count(cases.Select(c => c.Status.ToString())),
            Count(cases.Select(c => c.SubjectArea)),
            Count(cases.Select(c => c.Channel.ToString())),
            Count(receptions.Select(c => c.ToString())),
            due.Count(d => d.CompletedOn is { } done && done <= d.DueDate),
            due.Count,
            [.. overdue.Select(o => new OverdueRow(o.CaseId, o.Number, o.CaseKind, o.DeadlineKind, o.DueDate, asOf.DayNumber - o.DueDate.DayNumber))],
            await ForwardedAsync(from, to, asOf, cancellationToken),
            await quality.BuildAsync(from, to, asOf, clock.Today, cancellationToken));
    }

    private async Task<List<ForwardedRow>> ForwardedAsync(DateOnly from, DateOnly to, DateOnly asOf, CancellationToken cancellationToken)
    {
        var letters = await db.ForwardedLetters.AsNoTracking().Include(l => l.Reports)
            .Join(db.Cases.Where(c => c.ReceivedOn <= asOf), l => l.CaseId, c => c.Id, (l, c) => new { Letter = l, c.ReceivedOn })
            .ToListAsync(cancellationToken);
        var rows = new List<ForwardedRow>();
        foreach (var group in letters.GroupBy(x => x.Letter.Source).OrderBy(g => g.Key))
        {
            var received = group.Count(x => x.ReceivedOn >= from && x.ReceivedOn <= to);
            var sent = group.SelectMany(x => x.Letter.Reports).Where(r => r.SentOn >= from && r.SentOn <= asOf).ToList();
            // Owed as the report date saw it: reports sent after it do not count yet.
            var states = group.Select(x => ReportBackState.Of(x.Letter, x.Letter.Reports.Where(r => r.SentOn <= asOf), asOf, 0)).Where(s => s.Status != ReportBackStatus.Met).ToList();
            if (received == 0 && sent.Count == 0 && states.Count == 0)
            {
                continue;
            }

            rows.Add(new ForwardedRow(group.Key.ToString(), received, sent.Count(r => r.OnTime), sent.Count(r => !r.OnTime), states.Count, states.Count(s => s.Status == ReportBackStatus.Overdue)));
        }

        return rows;
    }

    /// <summary>Builds and stores the report of a finished quarter once (a second run of the job keeps the first).</summary>
    public async Task<bool> StoreScheduledAsync(int year, int quarter, CancellationToken cancellationToken)
    {
        if (await db.QuarterlyReports.AnyAsync(r => r.IsScheduled && r.Year == year && r.Quarter == quarter, cancellationToken))
        {
            return false;
        }

        var report = await BuildAsync(year, quarter, cancellationToken);
        db.QuarterlyReports.Add(new QuarterlyReportRecord { Id = Guid.NewGuid(), Year = year, Quarter = quarter, GeneratedAt = clock.UtcNow, IsScheduled = true, Json = JsonSerializer.Serialize(report) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private static List<CountRow> Count(IEnumerable<string> keys) =>
        [.. keys.GroupBy(k => k, StringComparer.Ordinal).Select(g => new CountRow(g.Key, g.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal)];
}
