using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DaoVien.OnlineReception.Realtime.Recordings.Archiving;

/// <summary>manifest.json of an archive: what is in it, who, when, what is missing, and with which tools it was made.</summary>
internal sealed record ArchiveManifest(
    int FormatVersion,
    Guid ArchiveId,
    Guid SessionId,
    Guid? BookingId,
    string? CaseNumber,
    DateTimeOffset SessionStartedAt,
    DateTimeOffset SessionEndedAt,
    string SessionEnd,
    DateTimeOffset? MediaStartedAt,
    DateTimeOffset? MediaEndedAt,
    IReadOnlyList<ManifestParticipant> Participants,
    IReadOnlyList<ManifestGap> Gaps,
    IReadOnlyList<ManifestFile> Files,
    IReadOnlyDictionary<string, string> Tools,
    DateTimeOffset CreatedAt,
    string? SealedWithKey = null)
{
    public const string FileName = "manifest.json";
    public const string HashFileName = "manifest.json.sha256";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}

internal sealed record ManifestParticipant(Guid? ParticipantId, string Label, DateTimeOffset? ConsentAcknowledgedAt, IReadOnlyList<ManifestTrack> Tracks);

/// <summary>One recorded track: its original (remuxed, not re-encoded) and its place on the timeline.</summary>
internal sealed record ManifestTrack(string Kind, string Codec, string SourceRecording, string? File, DateTimeOffset FirstPacketAt, double DurationSeconds, double OffsetSeconds);

/// <summary>Time not covered for a participant (or everyone when <see cref="ParticipantId"/> is null).</summary>
internal sealed record ManifestGap(string Kind, Guid? ParticipantId, DateTimeOffset From, DateTimeOffset? To, string? Detail);

/// <summary>One stored file; for a sealed archive <see cref="Sha256"/> is of the sealed bytes (what the integrity check
/// can verify on the server) and <see cref="OpenedSha256"/> of the media inside (to verify an opening offline).</summary>
internal sealed record ManifestFile(string Name, string Kind, Guid? ParticipantId, long Size, string Sha256, string? OpenedSha256 = null);

internal static class FileHashing
{
    public static async Task<(long Size, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }
}
