using System.Globalization;
using DaoVien.OnlineReception.Cases.Exports;
using DaoVien.OnlineReception.Cases.Reports;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using DaoVien.OnlineReception.Web.Forms;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>The quarterly report on demand (the Quartz job stores one at each quarter's end), with CSV and XLSX.</summary>
[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class ReportModel(QuarterlyReportBuilder builder, WardClock clock, IStringLocalizer<CasesResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Quarter { get; set; }

    public QuarterlyReport Report { get; private set; } = null!;

    public ReportChart Chart { get; private set; } = null!;

    /// <summary>The chart's figures in one sentence: its accessible name, for whoever cannot see the bars.</summary>
    public string ChartSummary { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Valid())
        {
            return BadRequest();
        }

        Report = await builder.BuildAsync(Year!.Value, Quarter!.Value, cancellationToken);
        BuildChart(CultureInfo.CurrentCulture);
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) => ExportAsync(false, cancellationToken);

    public Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken) => ExportAsync(true, cancellationToken);

    public string Label(string section, string key) => section switch
    {
        "Kind" or "Status" or "Channel" => l[section + "." + key],
        _ => key,
    };

    /// <summary>
    /// The report as one table: section, item, count (the format the province's spreadsheet takes in). The page shows
    /// the per-unit and per-official rows as tables of their own (<paramref name="withRatings"/> false). Counts and rates
    /// are written in <paramref name="numbers"/>: the page's culture on the page (vi-VN "1.234", "12,5 %"), the
    /// invariant form in the exports (null).
    /// </summary>
    public IEnumerable<IReadOnlyList<string>> Lines(bool withRatings = true, CultureInfo? numbers = null)
    {
        var r = Report;
        var culture = numbers ?? CultureInfo.InvariantCulture;
        string N(int n) => numbers is null ? n.ToString(CultureInfo.InvariantCulture) : NumberText.Count(n, numbers);
        string Percent(decimal? rate) => numbers is null ? ReportModel.Percent(rate) : NumberText.Percent(rate, numbers);
        yield return [l["Report.Period"], string.Create(CultureInfo.InvariantCulture, $"{r.From:dd/MM/yyyy} – {r.To:dd/MM/yyyy}"), ""];
        yield return [l["Report.CasesReceived"], "", N(r.CasesReceived)];
        yield return [l["Report.Receptions"], "", N(r.Receptions)];
        foreach (var (section, rows) in new[] { ("Kind", r.ByKind), ("Status", r.ByStatus), ("Subject", r.BySubjectArea), ("Channel", r.ByChannel) })
        {
            foreach (var row in rows)
            {
                yield return [l["Report.By" + section], Label(section, row.Key), N(row.Count)];
            }
        }

        foreach (var row in r.ReceptionsByChannel)
        {
            yield return [l["Report.ReceptionsByChannel"], l["Channel." + row.Key], N(row.Count)];
        }

        yield return [l["Report.OnTime"], string.Create(culture, $"{N(r.DeadlinesMet)}/{N(r.DeadlinesDue)}"), Percent(r.OnTimeRate)];
        foreach (var f in r.Forwarded)
        {
            var source = l["Source." + f.Source];
            yield return [l["Report.ForwardedReceived"], source, N(f.Received)];
            yield return [l["Report.ForwardedOnTime"], source, N(f.ReportsOnTime)];
            yield return [l["Report.ForwardedLate"], source, N(f.ReportsLate)];
            yield return [l["Report.ForwardedOwed"], source, N(f.StillOwed)];
            yield return [l["Report.ForwardedOwedOverdue"], source, N(f.StillOwedOverdue)];
        }

        var q = r.Quality;
        yield return [l["Report.SecondInstanceTotal"], "", N(q.SecondInstance.Total)];
        foreach (var (outcome, count) in new[] { ("Upheld", q.SecondInstance.Upheld), ("Amended", q.SecondInstance.Amended), ("Annulled", q.SecondInstance.Annulled) })
        {
            yield return [l["Report.SecondInstanceOutcome"], l["Outcome." + outcome], N(count)];
        }

        yield return [l["Report.AmendedOrAnnulled"], string.Create(culture, $"{N(q.SecondInstance.AmendedOrAnnulled)}/{N(q.SecondInstance.Total)}"), Percent(q.SecondInstance.AmendedOrAnnulledRate)];
        yield return [l["Report.FromHigherAgencies"], "", N(q.OverTheHead.FromHigherAgencies)];
        yield return [l["Report.OverTheHead"], "", N(q.OverTheHead.OverTheHead)];
        foreach (var row in q.OverTheHead.BySubjectArea)
        {
            yield return [l["Report.OverTheHeadBySubject"], row.Key, N(row.Count)];
        }

        if (withRatings)
        {
            foreach (var row in q.ByUnit)
            {
                yield return [l["Report.OnTimeByUnit"], l["Report.RatingLine", UnitName(row), row.OnTime, row.Cases, row.Late, row.Open, row.AmendedOrAnnulled], Percent(row.OnTimeRate)];
            }

            foreach (var row in q.ByOfficial)
            {
                yield return [l["Report.OnTimeByOfficial"], l["Report.RatingLine", OfficialName(row), row.OnTime, row.Cases, row.Late, row.Open, row.AmendedOrAnnulled], Percent(row.OnTimeRate)];
            }
        }

        foreach (var o in r.Overdue)
        {
            yield return [l["Report.OverdueLine"], string.Create(CultureInfo.InvariantCulture, $"{o.CaseNumber} · {l["Kind." + o.Kind]} · {l["Deadline." + o.Deadline]} · {o.DueDate:dd/MM/yyyy}"), N(o.DaysOverdue)];
        }
    }

    /// <summary>
    /// Cases received per kind, and the quarter's deadlines: met on time, not met, and the cases overdue at the report
    /// date. The same figures the table lists, so the chart never says something the table does not.
    /// </summary>
    private void BuildChart(CultureInfo numbers)
    {
        var r = Report;
        List<ChartBar> kinds = [.. r.ByKind.Select(k => new ChartBar(Label("Kind", k.Key), k.Count, ChartTone.Neutral))];
        List<ChartBar> deadlines =
        [
            new(l["Report.Chart.OnTime"], r.DeadlinesMet, ChartTone.Ok),
            new(l["Report.Chart.Late"], r.DeadlinesDue - r.DeadlinesMet, ChartTone.Late),
            new(l["Report.Chart.Overdue"], r.Overdue.Count, ChartTone.Overdue),
        ];
        Chart = new ReportChart([new(l["Report.Chart.Kinds"], kinds), new(l["Report.Chart.Deadlines"], deadlines)]);
        string Parts(List<ChartBar> bars) => bars.Count == 0 ? l["Report.Chart.NoneShort"] : string.Join(", ", bars.Select(b => b.Label + " " + NumberText.Count(b.Value, numbers)));
        ChartSummary = l["Report.Chart.Summary", r.Quarter, r.Year.ToString(CultureInfo.InvariantCulture), Parts(kinds), Parts(deadlines)];
    }

    public string UnitName(OnTimeRow row) => row.Unit ?? l["Report.NoUnit"];

    /// <summary>The official with their unit; cases nobody is assigned have a row of their own.</summary>
    public string OfficialName(OnTimeRow row) => row.Name is null ? l["Report.Unassigned"] : row.Unit is null ? row.Name : row.Name + " (" + row.Unit + ")";

    public static string Percent(decimal? rate) => rate is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private async Task<IActionResult> ExportAsync(bool xlsx, CancellationToken cancellationToken)
    {
        if (!Valid())
        {
            return BadRequest();
        }

        Report = await builder.BuildAsync(Year!.Value, Quarter!.Value, cancellationToken);
        using var vietnamese = OfficialLanguage.Use();
        IReadOnlyList<string> headers = [l["Report.Section"], l["Report.Item"], l["Report.Count"]];
        var name = string.Create(CultureInfo.InvariantCulture, $"bao-cao-quy-{Quarter}-{Year}");
        return xlsx
            ? File(TableExport.ToXlsx(l["Report.Sheet"], headers, Lines()), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx")
            : File(TableExport.ToCsv(headers, Lines()), "text/csv; charset=utf-8", name + ".csv");
    }

    private bool Valid()
    {
        var (y, q) = QuarterlyReport.Of(clock.Today);
        Year ??= y;
        Quarter ??= q;
        return Year is >= 2000 and <= 2100 && Quarter is >= 1 and <= 4;
    }
}
