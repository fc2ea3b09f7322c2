using System.Globalization;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Realtime.Recordings;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>An archive finished (Realtime) → it is attached to the case opened from its session (Cases), on both sides.</summary>
internal sealed class ArchiveToCaseFile(
    ICaseHistoryReader caseHistory,
    ICaseRecordings caseRecordings,
    IArchiveCaseLinks archives,
    ILogger<ArchiveToCaseFile> logger) : IArchiveEvents
{
    public static string Label(DateTimeOffset sessionStartedAt) =>
        "Bản ghi phiên tiếp công dân " + sessionStartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public async Task ArchiveCompletedAsync(ArchiveCompleted archive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var found = await caseHistory.ForSessionAsync(archive.SessionId, cancellationToken);
        if (found is null)
        {
            // No case yet: the archive stays linked to its session and booking; SessionToCaseFile attaches it later.
            logger.LogInformation("Archive {ArchiveId} of session {SessionId} has no case yet", archive.ArchiveId, archive.SessionId);
            return;
        }

        var summary = await archives.FindBySessionAsync(archive.SessionId, cancellationToken);
        await archives.AttachAsync(archive.ArchiveId, found.CaseId, found.Number, null, cancellationToken);
        await caseRecordings.AttachAsync(found.CaseId, archive.ArchiveId, Label(summary?.SessionStartedAt ?? default), null, cancellationToken);
    }
}
