using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings.Consent;

/// <summary>Session folders for Janus and the pre-session check (Janus itself does not validate <c>rec_dir</c>).</summary>
internal sealed class RecordingStorage(RecordingPaths paths, RecordingsDbContext db, TimeProvider time, IOptions<RecordingOptions> options, ILogger<RecordingStorage> logger)
    : IRecordingStorage
{
    public string PrepareSessionFolder(Guid sessionId)
    {
        var folder = paths.RawFolder(sessionId);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public string PublisherFileBase(Guid sessionId, Guid participantId)
    {
        PrepareSessionFolder(sessionId);
        return RecordingPaths.PublisherBaseName(participantId, time.GetUtcNow());
    }

    public async Task<RecordingReadiness> CheckReadinessAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(paths.RawRoot);
            Directory.CreateDirectory(paths.ArchivesRoot);
            var probe = Path.Combine(paths.RawRoot, $".write-probe-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Recording folder {Folder} is not writable", paths.Root);
            return new RecordingReadiness(false, "Thư mục lưu bản ghi không ghi được: buổi tiếp sẽ không được ghi hình.", 0);
        }

        var free = new DriveInfo(paths.Root).AvailableFreeSpace;
        var floor = options.Value.MinimumFreeSpaceMegabytes * 1024 * 1024;
        if (free < floor)
        {
            logger.LogWarning("Recording folder has {FreeBytes} bytes free, below the floor of {FloorBytes}", free, floor);
            return new RecordingReadiness(false, $"Ổ đĩa lưu bản ghi chỉ còn {free / (1024 * 1024)} MB trống (tối thiểu {options.Value.MinimumFreeSpaceMegabytes} MB): buổi tiếp có thể không được ghi đầy đủ.", free);
        }

        return new RecordingReadiness(true, null, free);
    }

    public async Task RecordRunUnrecordedAsync(Guid sessionId, Guid staffId, string problem, CancellationToken cancellationToken)
    {
        db.Events.Add(new RecordingEvent { SessionId = sessionId, Kind = RecordingEventKind.RunUnrecorded, At = time.GetUtcNow(), StaffId = staffId, Detail = problem.Length > 500 ? problem[..500] : problem });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Session {SessionId} runs unrecorded by the explicit choice of {StaffId}", sessionId, staffId);
    }
}
