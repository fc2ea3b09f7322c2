using System.Globalization;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Cases.ForwardedLetters;

/// <summary>A report-back that is owed, for the dashboard.</summary>
internal sealed record ReportBackDueRow(Guid CaseId, string CaseNumber, ForwardSource Source, string Agency, string? Reference, DateOnly DueOn, bool AfterProgressReport);

/// <summary>
/// Records that a case came as a forwarded letter, and the reports sent back (docs/adr/0085). Same authorization as
/// every case edit (<see cref="CaseActor.CanSee"/>; a case the caller may not open is "not found"); each change is a
/// line of the case history; bad input changes nothing and is logged as one line.
/// </summary>
internal sealed class ForwardedLetterService(CasesDbContext db, CaseRegistry registry, WardClock clock, ILogger<ForwardedLetterService> logger)
{
    public Task<ForwardedLetter?> FindAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.ForwardedLetters.AsNoTracking().Include(l => l.Reports.OrderBy(r => r.SentOn)).FirstOrDefaultAsync(l => l.CaseId == caseId, cancellationToken);

    /// <summary>Records the forwarding facts of a case, or corrects them.</summary>
    public async Task<CaseResult> RecordLetterAsync(Guid caseId, ForwardedLetterInput input, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var file = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return Refused(caseId, CaseErrors.NotFound);
        }

        if (ForwardedLetterRules.Validate(input, clock.Today, file.ReceivedOn, out var clean) is { } error)
        {
            return Refused(caseId, error);
        }

        var letter = await db.ForwardedLetters.Include(l => l.Reports).FirstOrDefaultAsync(l => l.CaseId == caseId, cancellationToken);
        string action;
        if (letter is null)
        {
            letter = New(file.Id, clean, actor);
            db.ForwardedLetters.Add(letter);
            action = "Forwarded";
        }
        else
        {
            letter.Source = clean.Source;
            letter.Agency = clean.Agency!;
            letter.Reference = clean.Reference;
            letter.LetterDate = clean.LetterDate!.Value;
            letter.ReportDueOn = clean.ReportDueOn!.Value;
            action = "ForwardedCorrected";
        }

        registry.AddHistory(file, actor, action, Describe(letter));
        var result = await SaveAsync(caseId, cancellationToken);
        if (result.Succeeded)
        {
            logger.LogInformation("Case {CaseNumber}: forwarded letter recorded ({Source}, report due {DueOn})", file.Number, letter.Source, letter.ReportDueOn);
        }

        return result;
    }

    /// <summary>Records a report sent back: a result meets the obligation; a progress report sets the next due date.</summary>
    public async Task<CaseResult> RecordReportAsync(Guid caseId, ReportBackInput input, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var file = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return Refused(caseId, CaseErrors.NotFound);
        }

        var letter = await db.ForwardedLetters.Include(l => l.Reports).FirstOrDefaultAsync(l => l.CaseId == caseId, cancellationToken);
        if (letter is null)
        {
            return Refused(caseId, CaseErrors.ReportBackNoLetter);
        }

        var state = ReportBackState.Of(letter, letter.Reports, clock.Today, 0);
        var error = Check(input, letter, state, clock.Today, out var number, out var summary);
        if (error is not null)
        {
            return Refused(caseId, error);
        }

        var report = new ReportBack
        {
            Id = Guid.NewGuid(),
            LetterId = letter.Id,
            CaseId = file.Id,
            Kind = input.Kind,
            SentOn = input.SentOn!.Value,
            OutgoingNumber = number!,
            Summary = summary!,
            DueOn = state.DueOn,
            NextDueOn = input.Kind == ReportBackKind.Progress ? input.NextDueOn : null,
            RecordedAt = clock.UtcNow,
            RecordedBy = actor.Id,
        };
        db.ReportBacks.Add(report);
        registry.AddHistory(file, actor, "ReportBack:" + input.Kind, input.Kind == ReportBackKind.Result
            ? string.Create(CultureInfo.InvariantCulture, $"Báo cáo kết quả gửi {letter.Agency}: công văn số {report.OutgoingNumber} ngày {report.SentOn:dd/MM/yyyy} ({(report.OnTime ? "đúng hạn" : "quá hạn")} {report.DueOn:dd/MM/yyyy})")
            : string.Create(CultureInfo.InvariantCulture, $"Báo cáo tiến độ gửi {letter.Agency}: công văn số {report.OutgoingNumber} ngày {report.SentOn:dd/MM/yyyy}; hạn báo cáo {report.DueOn:dd/MM/yyyy} → {report.NextDueOn:dd/MM/yyyy}"));
        var result = await SaveAsync(caseId, cancellationToken);
        if (result.Succeeded)
        {
            logger.LogInformation("Case {CaseNumber}: {Kind} report-back sent {SentOn}", file.Number, report.Kind, report.SentOn);
        }

        return result;
    }

    /// <summary>Owed report-backs due on or before <paramref name="horizon"/>, of the cases <paramref name="actor"/> sees.</summary>
    public async Task<IReadOnlyList<ReportBackDueRow>> DueAsync(CaseActor actor, DateOnly horizon, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var visible = actor.Visible(db.Cases.AsNoTracking());
        var letters = await db.ForwardedLetters.AsNoTracking().Include(l => l.Reports)
            .Where(l => l.Reports.All(r => r.Kind != ReportBackKind.Result))
            .Join(visible, l => l.CaseId, c => c.Id, (l, c) => new { Letter = l, c.Number })
            .ToListAsync(cancellationToken);
        return [.. letters
            .Select(x => new ReportBackDueRow(x.Letter.CaseId, x.Number, x.Letter.Source, x.Letter.Agency, x.Letter.Reference, ReportBackState.CurrentDue(x.Letter, x.Letter.Reports), x.Letter.Reports.Count > 0))
            .Where(r => r.DueOn <= horizon)
            .OrderBy(r => r.DueOn).ThenBy(r => r.CaseNumber, StringComparer.Ordinal)];
    }

    public ForwardedLetter New(Guid caseId, ForwardedLetterInput clean, CaseActor actor) => new()
    {
        Id = Guid.NewGuid(),
        CaseId = caseId,
        Source = clean.Source,
        Agency = clean.Agency!,
        Reference = clean.Reference,
        LetterDate = clean.LetterDate!.Value,
        ReportDueOn = clean.ReportDueOn!.Value,
        RecordedAt = clock.UtcNow,
        RecordedBy = actor.Id,
    };

    public static string Describe(ForwardedLetter letter) => string.Create(CultureInfo.InvariantCulture,
        $"Đơn chuyển đến ({SourceText(letter.Source)}): {letter.Agency}{(letter.Reference is null ? "" : ", văn bản số " + letter.Reference)} ngày {letter.LetterDate:dd/MM/yyyy}; hạn báo cáo kết quả {letter.ReportDueOn:dd/MM/yyyy}");

    public static string SourceText(ForwardSource source) => source switch
    {
        ForwardSource.HigherAgency => "cấp trên",
        ForwardSource.Press => "cơ quan báo chí",
        _ => "khác",
    };

    private static string? Check(ReportBackInput input, ForwardedLetter letter, ReportBackState state, DateOnly today, out string? number, out string? summary)
    {
        number = summary = null;
        if (state.Status == ReportBackStatus.Met)
        {
            return CaseErrors.ReportBackAlreadyMet;
        }

        if (!Enum.IsDefined(input.Kind))
        {
            return CaseErrors.ReportBackKind;
        }

        if (!TextInput.TryClean(input.OutgoingNumber, false, out number) || !TextInput.TryClean(input.Summary, true, out summary))
        {
            return CaseErrors.ForwardedBadText;
        }

        if (string.IsNullOrEmpty(number) || number.Length > ForwardedLetterRules.ReferenceMax)
        {
            return CaseErrors.ReportBackNumberRequired;
        }

        if (string.IsNullOrEmpty(summary) || summary.Length > ForwardedLetterRules.SummaryMax)
        {
            return CaseErrors.ReportBackSummaryRequired;
        }

        if (input.SentOn is not { } sent || sent > today || sent < letter.LetterDate)
        {
            return CaseErrors.ReportBackSentOn;
        }

        return input.Kind switch
        {
            ReportBackKind.Progress when input.NextDueOn is not { } next || next <= sent => CaseErrors.ReportBackNextDue,
            ReportBackKind.Result when input.NextDueOn is not null => CaseErrors.ReportBackNextDueOnResult,
            _ => null,
        };
    }

    private CaseResult Refused(Guid caseId, string error) => CaseEdits.Refused(logger, "Forwarded letter", caseId, error);

    // Two staff at once (a second forwarding record, a second result report): the database keeps the first.
    private async Task<CaseResult> SaveAsync(Guid caseId, CancellationToken cancellationToken) =>
        await CaseEdits.TrySaveAsync(db, cancellationToken) ? CaseResult.Ok : Refused(caseId, CaseErrors.Concurrency);
}
