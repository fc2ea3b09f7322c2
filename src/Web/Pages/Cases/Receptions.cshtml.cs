using System.Globalization;
using DaoVien.OnlineReception.Cases.Exports;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.ReceptionBook;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Web.Integration;
using DaoVien.OnlineReception.Web.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DaoVien.OnlineReception.Web.Pages.Cases;

/// <summary>The reception book (Form 03, Thông tư 04/2021/TT-TTCP) in a date range, with CSV and XLSX export; every reading is logged (docs/adr/0082).</summary>
[Authorize(Roles = CasePageRoles.CaseWorkers)]
internal sealed class ReceptionsModel(ReceptionBookQuery book, ICaseIntake intake, SessionArchiveLinker archives, WardClock clock, IStringLocalizer<CasesResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<ReceptionEntry> Entries { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Range(out var from, out var to))
        {
            return Page();
        }

        Entries = await book.ReadAsync(from, to, CaseActor.From(User), ReceptionBookFormat.View, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) => await ExportAsync(xlsx: false, cancellationToken);

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken) => await ExportAsync(xlsx: true, cancellationToken);

    public async Task<IActionResult> OnPostCreateCaseAsync(Guid receptionId, CancellationToken cancellationToken)
    {
        var result = await intake.CreateCaseFromReceptionAsync(receptionId, CaseActor.From(User).Id, cancellationToken);
        if (!result.Succeeded)
        {
            Message = l[result.Error!];
            return RedirectToPage(new { from = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        }

        // The session's archive (if it was recorded) belongs with the case opened from it.
        await archives.LinkReceptionCaseAsync(receptionId, result.Value!, CaseActor.From(User).Id, cancellationToken);
        return RedirectToPage("/Cases/Details", new { id = result.Value!.CaseId });
    }

    /// <summary>Form 03's columns; a denunciation's identity columns say "sealed".</summary>
    public IReadOnlyList<string> Headers =>
        [l["Book.No"], l["Book.Date"], l["Book.NameAddress"], l["Book.IdNumber"], l["Book.Content"], l["Book.Classification"], l["Book.PreviouslyHandled"], l["Book.Action"], l["Book.FollowUp"], l["Book.Notes"]];

    public IReadOnlyList<string> Cells(ReceptionEntry e, int number) =>
    [
        number.ToString(CultureInfo.InvariantCulture),
        TimeZoneInfo.ConvertTime(e.ReceivedAt, clock.Zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
        e.IsSealed ? l["Sealed"] : string.Join(" — ", new[] { e.CitizenName, e.CitizenAddress }.Where(s => !string.IsNullOrWhiteSpace(s))),
        e.IsSealed ? l["Sealed"] : e.CitizenIdNumber ?? "",
        e.Content,
        l["Book.ClassificationValue", l["Kind." + e.Kind], e.SubjectArea, e.PeopleCount, l["Channel." + e.Channel]],
        e.PreviouslyHandledBy ?? "",
        e.Outcome switch
        {
            ReceptionOutcome.Guided => l["Outcome.Guided"] + ": " + e.GuidedTo,
            ReceptionOutcome.Refused => l["Outcome.Refused"] + ": " + l["Ground." + e.RefusalGround],
            _ => l["Outcome." + e.Outcome],
        },
        e.FollowUp ?? "",
        e.Notes ?? "",
    ];

    private async Task<IActionResult> ExportAsync(bool xlsx, CancellationToken cancellationToken)
    {
        if (!Range(out var from, out var to))
        {
            return BadRequest();
        }

        var entries = await book.ReadAsync(from, to, CaseActor.From(User), xlsx ? ReceptionBookFormat.Xlsx : ReceptionBookFormat.Csv, cancellationToken);
        using var vietnamese = OfficialLanguage.Use();
        var rows = entries.Select((e, i) => Cells(e, i + 1));
        var name = string.Create(CultureInfo.InvariantCulture, $"so-tiep-cong-dan_{from:yyyyMMdd}-{to:yyyyMMdd}");
        return xlsx
            ? File(TableExport.ToXlsx(l["Book.Sheet"], Headers, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx")
            : File(TableExport.ToCsv(Headers, rows), "text/csv; charset=utf-8", name + ".csv");
    }

    private bool Range(out DateOnly from, out DateOnly to)
    {
        var today = clock.Today;
        from = From ?? new DateOnly(today.Year, today.Month, 1);
        to = To ?? today;
        From = from;
        To = to;
        if (to < from || to.DayNumber - from.DayNumber > ReceptionBookQuery.MaxDays)
        {
            Error = l["Book.BadRange", ReceptionBookQuery.MaxDays];
            return false;
        }

        return true;
    }
}
