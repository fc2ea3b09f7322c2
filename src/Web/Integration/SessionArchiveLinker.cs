using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>
/// A case opened from a session's reception gets the session's archive on both sides (the recordings' link and the
/// case file's list): at the session's end (SessionToCaseFile), and when staff open the case later from the
/// reception book — then only if the archive is not attached to some case already (a hand-made link is kept).
/// </summary>
internal sealed class SessionArchiveLinker(IArchiveCaseLinks archives, ICaseRecordings caseRecordings, CasesDbContext cases)
{
    public async Task LinkAsync(Guid sessionId, CaseReference opened, Guid? staffId, bool keepExistingLink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opened);
        if (await archives.FindBySessionAsync(sessionId, cancellationToken) is not { } archive || (keepExistingLink && archive.CaseId is not null))
        {
            return;
        }

        await archives.AttachAsync(archive.ArchiveId, opened.CaseId, opened.Number, staffId, cancellationToken);
        await caseRecordings.AttachAsync(opened.CaseId, archive.ArchiveId, ArchiveToCaseFile.Label(archive.SessionStartedAt), staffId, cancellationToken);
    }

    /// <summary>After a case was opened from reception-book entry <paramref name="receptionId"/>: links its session's archive, if any.</summary>
    public async Task LinkReceptionCaseAsync(Guid receptionId, CaseReference opened, Guid? staffId, CancellationToken cancellationToken)
    {
        var sessionId = await cases.Receptions.AsNoTracking().Where(r => r.Id == receptionId).Select(r => r.SessionId).SingleOrDefaultAsync(cancellationToken);
        if (sessionId is { } id)
        {
            await LinkAsync(id, opened, staffId, keepExistingLink: true, cancellationToken);
        }
    }
}
