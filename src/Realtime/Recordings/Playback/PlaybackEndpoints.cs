using System.Security.Claims;
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
/// with range requests (the player seeks). The name must be one the archive's row lists; the path is built from ids
/// only. Each view (first range of a playback) and each download is written to the access log.
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

    private static async Task<IResult> ServeAsync(Guid archiveId, string fileName, bool? download, HttpContext http, RecordingsDbContext db, RecordingPaths paths, TimeProvider time)
    {
        var file = await db.ArchiveFiles.AsNoTracking().SingleOrDefaultAsync(f => f.ArchiveId == archiveId && f.FileName == fileName, http.RequestAborted);
        if (file is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy bản ghi.");
        }

        var path = Path.Combine(paths.ArchiveFolder(archiveId), file.FileName);
        if (!File.Exists(path))
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Tệp bản ghi không còn trên máy chủ; đã báo cho bộ phận quản trị.");
        }

        var isDownload = download == true;
        var range = http.Request.Headers.Range.ToString();
        // A player asks for many ranges per viewing; log the viewing once (its first range) and every download.
        if (isDownload || range.Length == 0 || range.StartsWith("bytes=0-", StringComparison.Ordinal))
        {
            db.AccessLog.Add(new ArchiveAccess
            {
                ArchiveId = archiveId,
                FileName = file.FileName,
                Kind = isDownload ? ArchiveAccessKind.Download : ArchiveAccessKind.View,
                StaffId = Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var staffId) ? staffId : Guid.Empty,
                StaffUserName = http.User.Identity?.Name ?? "?",
                At = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(http.RequestAborted);
        }

        http.Response.Headers.CacheControl = "private, no-store";
        return Results.File(
            path,
            file.ContentType,
            fileDownloadName: isDownload ? $"{archiveId:N}-{Path.GetFileName(file.FileName)}" : null,
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256[..16]}\""),
            enableRangeProcessing: true);
    }
}
