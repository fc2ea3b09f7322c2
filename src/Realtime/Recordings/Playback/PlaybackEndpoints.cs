using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DaoVien.OnlineReception.Realtime.Recordings.Playback;

/// <summary>
/// <c>GET /recordings/archives/{archiveId}/{fileName}</c>: serves a file of a complete archive to authorized staff
/// with range requests (the player seeks), only when the caller may open the archive's case. The name must be one the
/// archive's row lists; the path is built from ids only. Every serving response and every refusal is in the access log.
/// </summary>
internal static class PlaybackEndpoints
{
    public const string Prefix = "/recordings/archives";

    public static string FileUrl(Guid archiveId, string fileName, bool download = false) =>
        $"{Prefix}/{archiveId:N}/{fileName}" + (download ? "?download=1" : "");

    public static void MapPlayback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Prefix + "/{archiveId:guid}/{**fileName}", ServeAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = RecordingRoles.Viewers })
            .ExcludeFromDescription();

    // "download" is a string: the page's own link says ?download=1, which a bool parameter answered with 400.
    private static async Task<IResult> ServeAsync(
        Guid archiveId, string fileName, string? download, HttpContext http, RecordingsDbContext db, RecordingPaths paths, IArchiveAccessPolicy access, ArchiveAccessLog log)
    {
        var ct = http.RequestAborted;
        var archive = await db.Archives.AsNoTracking().Where(a => a.Id == archiveId)
            .Select(a => new ArchiveAccessItem(a.Id, a.SessionId, a.CaseId)).SingleOrDefaultAsync(ct);
        if (archive is null)
        {
            return NotFound();
        }

        // Not allowed looks like not found (no probing for archive ids), but it is logged.
        if (!(await access.VisibleAsync(http.User, [archive], ct)).Contains(archiveId))
        {
            await log.RecordAsync(archiveId, fileName, ArchiveAccessKind.Refused, http.User, ct);
            return NotFound();
        }

        var file = await db.ArchiveFiles.AsNoTracking().SingleOrDefaultAsync(f => f.ArchiveId == archiveId && f.FileName == fileName, ct);
        if (file is null)
        {
            return NotFound();
        }

        var path = Path.Combine(paths.ArchiveFolder(archiveId), file.FileName);
        if (!File.Exists(path))
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Tệp bản ghi không còn trên máy chủ; đã báo cho bộ phận quản trị.");
        }

        var isDownload = download is not null && (download == "1" || download.Equals("true", StringComparison.OrdinalIgnoreCase));
        // Every response that may serve bytes is logged, whatever its Range header (coalesced per viewer, file, minute).
        await log.RecordAsync(archiveId, file.FileName, isDownload ? ArchiveAccessKind.Download : ArchiveAccessKind.View, http.User, ct);

        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(
            path,
            file.ContentType,
            fileDownloadName: isDownload ? $"{archiveId:N}-{Path.GetFileName(file.FileName)}" : null,
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256[..16]}\""),
            enableRangeProcessing: true);
    }

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy bản ghi.");
}
