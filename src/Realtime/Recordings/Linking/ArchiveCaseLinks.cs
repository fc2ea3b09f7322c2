using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Realtime.Recordings.Linking;

/// <summary>Attach/detach archives to case files; the archive always keeps its session/booking link, so nothing is lost.</summary>
internal sealed class ArchiveCaseLinks(RecordingsDbContext db, TimeProvider time, ILogger<ArchiveCaseLinks> logger) : IArchiveCaseLinks
{
    public async Task AttachAsync(Guid archiveId, Guid caseId, string? caseNumber, Guid? staffId, CancellationToken cancellationToken)
    {
        var archive = await db.Archives.SingleOrDefaultAsync(a => a.Id == archiveId, cancellationToken)
            ?? throw new KeyNotFoundException("archive not found");
        if (archive.CaseId == caseId)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (archive.CaseId is { } previous)
        {
            db.LinkEvents.Add(new ArchiveLinkEvent { ArchiveId = archiveId, Action = ArchiveLinkAction.Detached, CaseId = previous, CaseNumber = archive.CaseNumber, StaffId = staffId, At = now });
        }

        archive.CaseId = caseId;
        archive.CaseNumber = caseNumber ?? archive.CaseNumber;
        db.LinkEvents.Add(new ArchiveLinkEvent { ArchiveId = archiveId, Action = ArchiveLinkAction.Attached, CaseId = caseId, CaseNumber = caseNumber, StaffId = staffId, At = now });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Archive {ArchiveId} attached to case {CaseId} by {StaffId}", archiveId, caseId, staffId);
    }

    public async Task DetachAsync(Guid archiveId, Guid staffId, CancellationToken cancellationToken)
    {
        var archive = await db.Archives.SingleOrDefaultAsync(a => a.Id == archiveId, cancellationToken)
            ?? throw new KeyNotFoundException("archive not found");
        if (archive.CaseId is not { } caseId)
        {
            return;
        }

        db.LinkEvents.Add(new ArchiveLinkEvent { ArchiveId = archiveId, Action = ArchiveLinkAction.Detached, CaseId = caseId, CaseNumber = archive.CaseNumber, StaffId = staffId, At = time.GetUtcNow() });
        archive.CaseId = null;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Archive {ArchiveId} detached from case {CaseId} by {StaffId}", archiveId, caseId, staffId);
    }

    public async Task<IReadOnlyList<ArchiveSummary>> ListForCaseAsync(Guid caseId, CancellationToken cancellationToken) =>
        await db.Archives.Where(a => a.CaseId == caseId).OrderBy(a => a.SessionStartedAt)
            .Select(a => new ArchiveSummary(a.Id, a.SessionId, a.SessionStartedAt, a.SessionEndedAt, a.CaseId)).ToListAsync(cancellationToken);

    public Task<ArchiveSummary?> FindBySessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        db.Archives.Where(a => a.SessionId == sessionId)
            .Select(a => new ArchiveSummary(a.Id, a.SessionId, a.SessionStartedAt, a.SessionEndedAt, a.CaseId)).FirstOrDefaultAsync(cancellationToken);
}
