using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Cases.LongRunning;

/// <summary>A case a dialogue may be held for, as the opening page shows it (number, kind, subject; never its persons).</summary>
internal sealed record DialogueCase(Guid CaseId, string Number, CaseKind Kind, string SubjectArea, string Summary, int PeopleCount, bool InRegister);

/// <summary>
/// Which cases a dialogue session is held for (docs/adr/0088): an open case the caller may open that is in the register
/// of complex and long-running cases or is a group case, and never a denunciation (a denouncer's identity is secret;
/// a dialogue brings the parties together). The session is linked to the case, so its archive and minutes land there.
/// </summary>
internal sealed partial class DialogueCases(CasesDbContext db, CaseRegistry registry, WardClock clock, ILogger<DialogueCases> logger)
{
    /// <summary>The case, or the key of the refusal (the same "not found" for a case the caller may not open).</summary>
    public async Task<(DialogueCase? Case, string? Error)> CheckAsync(Guid caseId, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var file = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (file is null || !actor.CanSee(file))
        {
            return Refused(caseId, CaseErrors.NotFound);
        }

        if (file.Kind == CaseKind.Denunciation)
        {
            return Refused(caseId, CaseErrors.DialogueDenunciation);
        }

        if (!file.IsOpen)
        {
            return Refused(caseId, CaseErrors.DialogueCaseClosed);
        }

        var inRegister = await db.LongRunningCases.AnyAsync(l => l.CaseId == caseId, cancellationToken);
        if (!inRegister && !file.IsGroup && file.PeopleCount < 2)
        {
            return Refused(caseId, CaseErrors.DialogueNotGroup);
        }

        return (new DialogueCase(file.Id, file.Number, file.Kind, file.SubjectArea, file.Summary, file.PeopleCount, inRegister), null);
    }

    /// <summary>Links the opened dialogue session <paramref name="sessionId"/> to the case, with a line of its history.</summary>
    public async Task LinkSessionAsync(Guid caseId, Guid sessionId, string subject, CaseActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var file = await db.Cases.Include(c => c.Links).SingleAsync(c => c.Id == caseId, cancellationToken);
        if (file.Links.Any(l => l.Kind == CaseLinkKind.Session && l.TargetId == sessionId))
        {
            return;
        }

        var label = "Buổi đối thoại trực tuyến " + clock.Today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        file.Links.Add(new CaseLink { Id = Guid.NewGuid(), CaseId = file.Id, Kind = CaseLinkKind.Session, TargetId = sessionId, Label = label, LinkedAt = clock.UtcNow });
        registry.AddHistory(file, actor, "DialogueOpened", "Mở buổi đối thoại trực tuyến: " + (subject.Length > 300 ? subject[..299] + "…" : subject));
        await db.SaveChangesAsync(cancellationToken);
    }

    private (DialogueCase?, string?) Refused(Guid caseId, string error)
    {
        LogRefused(caseId, error);
        return (null, error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dialogue for case {CaseId} refused: {Error}")]
    private partial void LogRefused(Guid caseId, string error);
}
