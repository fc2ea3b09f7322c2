using System.Security.Claims;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Realtime.Recordings.Playback;

/// <summary>
/// Writes the access log of archive files. Every response that serves bytes (and every refusal) goes through here,
/// whatever its headers: a player's dozens of range requests within a minute make one row per viewer, file and kind,
/// and a client cannot skip the row by choosing which range it asks for first.
/// </summary>
internal sealed class ArchiveAccessLog(RecordingsDbContext db, TimeProvider time)
{
    private const int FileNameMaxLength = 200;

    public async Task RecordAsync(Guid archiveId, string fileName, ArchiveAccessKind kind, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var staffId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
        var name = fileName.Length <= FileNameMaxLength ? fileName : fileName[..FileNameMaxLength];
        // Two concurrent first requests of the same minute may both insert: a duplicate row, never a missing one.
        var seen = await db.AccessLog.AnyAsync(
            a => a.StaffId == staffId && a.ArchiveId == archiveId && a.FileName == name && a.Kind == kind && a.At >= minute && a.At < minute.AddMinutes(1),
            cancellationToken);
        if (seen)
        {
            return;
        }

        db.AccessLog.Add(new ArchiveAccess
        {
            ArchiveId = archiveId,
            FileName = name,
            Kind = kind,
            StaffId = staffId,
            StaffUserName = user.Identity?.Name ?? "?",
            At = now,
        });
        // Not the request's token: a player that drops the connection still leaves its row.
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
