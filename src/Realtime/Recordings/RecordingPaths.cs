using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings;

/// <summary>
/// Every path of the feature, generated from ids only (no user input ever reaches a file name):
/// <c>{root}/raw/{sessionId:N}/</c> where Janus writes, <c>{root}/archives/{archiveId:N}/</c> complete archives,
/// <c>{root}/archives/.partial-{archiveId:N}/</c> archives being written (never listed, renamed atomically).
/// </summary>
internal sealed class RecordingPaths
{
    public RecordingPaths(IOptions<RecordingOptions> options, IConfiguration configuration)
    {
        var folder = options.Value.Folder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            var data = configuration["Reception:DataDirectory"];
            folder = Path.Combine(string.IsNullOrWhiteSpace(data) ? AppContext.BaseDirectory : data, "recordings");
        }

        Root = Path.GetFullPath(folder);
        // The caption file path is quoted inside an ffmpeg filter graph; keep characters that would need escaping out.
        if (Root.IndexOfAny(['\'', '"', '\\', ':', ';', ',', '[', ']']) >= 0)
        {
            throw new OptionsValidationException(RecordingOptions.Section, typeof(RecordingOptions), [$"recording folder must not contain quotes, ':', ';', ',' or brackets: {Root}"]);
        }
    }

    public string Root { get; }

    public string RawRoot => Path.Combine(Root, "raw");

    public string ArchivesRoot => Path.Combine(Root, "archives");

    public string RawFolder(Guid sessionId) => Path.Combine(RawRoot, sessionId.ToString("N", CultureInfo.InvariantCulture));

    public string ArchiveFolder(Guid archiveId) => Path.Combine(ArchivesRoot, archiveId.ToString("N", CultureInfo.InvariantCulture));

    public string PartialFolder(Guid archiveId) => Path.Combine(ArchivesRoot, ".partial-" + archiveId.ToString("N", CultureInfo.InvariantCulture));

    public const string ParticipantFilePrefix = "p-";

    /// <summary>Base name for one publish of a participant: <c>p-{participantId:N}-{unixMs}</c>.</summary>
    public static string PublisherBaseName(Guid participantId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{ParticipantFilePrefix}{participantId:N}-{now.ToUnixTimeMilliseconds()}");
}
