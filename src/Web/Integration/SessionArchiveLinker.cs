using System.Security.Claims;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Recordings;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>
/// A case opened from a session's reception gets the session's archive on both sides (the recordings' link and the
/// case file's list): at the session's end (SessionToCaseFile), and when staff open the case later from the
/// reception book — then only if the archive is not attached to some case already (a hand-made link is kept).
/// </summary>
internal sealed class SessionArchiveLinker(IArchiveCaseLinks archives, ICaseRecordings caseRecordings, ICaseHistoryReader caseHistory, CasesDbContext cases, ArchiveAccessThroughCases access, WardClock clock)
{
    /// <summary>
    /// Staff attach archive <paramref name="archiveId"/> (currently on <paramref name="currentCaseId"/>, if any) to the case numbered
    /// <paramref name="caseNumber"/>: moved on both sides, each step logged with the staff member. Null when no such case exists
    /// or <paramref name="user"/> may not open it (they look the same: no probing for case numbers); nothing changes then.
    /// The caller has checked that <paramref name="user"/> may open the archive (so its current case too).
    /// </summary>
    public async Task<CaseReference?> AttachByStaffAsync(Guid archiveId, DateTimeOffset sessionStartedAt, Guid? currentCaseId, string caseNumber, ClaimsPrincipal user, Guid staffId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(caseNumber) || caseNumber.Length > 100 || await caseHistory.FindByNumberAsync(caseNumber, cancellationToken) is not { } target
            || !await access.MayOpenCaseAsync(user, target.CaseId, cancellationToken))
        {
            return null;
        }

        if (currentCaseId == target.CaseId)
        {
            return target;
        }

        await archives.AttachAsync(archiveId, target.CaseId, target.Number, staffId, cancellationToken);
        if (currentCaseId is { } previous)
        {
            await caseRecordings.DetachAsync(previous, archiveId, staffId, cancellationToken);
        }

        await caseRecordings.AttachAsync(target.CaseId, archiveId, ArchiveToCaseFile.Label(sessionStartedAt, clock), staffId, cancellationToken);
        return target;
    }

    /// <summary>Staff detach the archive from its case on both sides; it keeps its session and booking link.</summary>
    public async Task DetachByStaffAsync(Guid archiveId, Guid? currentCaseId, Guid staffId, CancellationToken cancellationToken)
    {
        if (currentCaseId is not { } caseId)
        {
            return;
        }

        await archives.DetachAsync(archiveId, staffId, cancellationToken);
        await caseRecordings.DetachAsync(caseId, archiveId, staffId, cancellationToken);
    }

    public async Task LinkAsync(Guid sessionId, CaseReference opened, Guid? staffId, bool keepExistingLink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opened);
        if (await archives.FindBySessionAsync(sessionId, cancellationToken) is not { } archive || (keepExistingLink && archive.CaseId is not null))
        {
            return;
        }

        await archives.AttachAsync(archive.ArchiveId, opened.CaseId, opened.Number, staffId, cancellationToken);
        await caseRecordings.AttachAsync(opened.CaseId, archive.ArchiveId, ArchiveToCaseFile.Label(archive.SessionStartedAt, clock), staffId, cancellationToken);
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
