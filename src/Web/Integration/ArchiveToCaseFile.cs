using System.Globalization;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Recordings;

namespace DaoVien.OnlineReception.Web.Integration;

/// <summary>An archive finished (Realtime) → it is attached to the case opened from its session (Cases), on both sides.</summary>
internal sealed class ArchiveToCaseFile(
    ICaseHistoryReader caseHistory,
    ICaseRecordings caseRecordings,
    IArchiveCaseLinks archives,
    WardClock clock,
    ILogger<ArchiveToCaseFile> logger) : IArchiveEvents
{
    /// <summary>The recording's line in the case file: the session's start in ward time (dd/MM/yyyy HH:mm), never UTC.</summary>
    public static string Label(DateTimeOffset sessionStartedAt, WardClock clock) =>
        "Bản ghi phiên tiếp công dân " + clock.ToLocal(sessionStartedAt).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

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
        await caseRecordings.AttachAsync(found.CaseId, archive.ArchiveId, Label(summary?.SessionStartedAt ?? default, clock), null, cancellationToken);
    }
}
