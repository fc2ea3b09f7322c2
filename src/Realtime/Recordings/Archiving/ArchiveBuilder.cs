using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Media;
using FFMpegCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings.Archiving;

/// <summary>Everything the builder needs about a session, read from the job and our tables.</summary>
internal sealed record ArchiveInput(
    Guid ArchiveId,
    ArchiveJob Job,
    IReadOnlyList<ArchiveParticipant> Participants,
    IReadOnlyDictionary<Guid, DateTimeOffset> ConsentedAt,
    IReadOnlyList<ManifestGap> LoggedGaps,
    bool Seal = false);

/// <summary>What was built; the folder is already in its final place.</summary>
internal sealed record BuiltArchive(string Folder, ArchiveManifest Manifest, string ManifestSha256);

/// <summary>
/// The archive pipeline over one session's <c>.mjr</c> files: probe each track's header, remux originals
/// (janus-pp-rec, no re-encoding), align by first-packet time, encode the composite, hash everything into a manifest,
/// hash the manifest; all in a partial folder renamed into place at the end, so a half-written archive never looks complete.
/// </summary>
internal sealed partial class ArchiveBuilder(
    RecordingPaths paths,
    JanusPpRec janusPpRec,
    CompositeBuilder composite,
    FfmpegToolbox ffmpeg,
    IOptions<RecordingOptions> options,
    IOptions<WardOptions> ward,
    IIdentitySealer sealer,
    TimeProvider time,
    ILogger<ArchiveBuilder> logger)
{
    private sealed record Track(string Source, MjrHeader Header, Guid? ParticipantId, string GroupKey, long SegmentKey);

    public async Task<BuiltArchive> BuildAsync(ArchiveInput input, Action<string, double> progress, CancellationToken cancellationToken)
    {
        var job = input.Job;
        var o = options.Value;
        var partial = paths.PartialFolder(input.ArchiveId);
        var final = paths.ArchiveFolder(input.ArchiveId);
        if (Directory.Exists(final))
        {
            throw new InvalidOperationException("archive folder already exists");
        }

        // A previous attempt may have died half-way: start its partial folder again from nothing.
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial);
        var ffOptions = new FFOptions { BinaryFolder = Path.GetDirectoryName(ffmpeg.FfmpegPath)!, TemporaryFilesFolder = partial };

        progress("probe", 0.02);
        var raw = paths.RawFolder(job.SessionId);
        var sources = Directory.Exists(raw) ? Directory.GetFiles(raw, "*.mjr").Order(StringComparer.Ordinal).ToList() : [];
        var tracks = new List<Track>();
        var emptyTracks = new List<string>();
        foreach (var source in sources)
        {
            var header = await janusPpRec.ReadHeaderAsync(source, cancellationToken);
            if (header is null || header.FirstPacketAt <= DateTimeOffset.UnixEpoch)
            {
                // Created but never got a packet (publisher left or was paused at once): nothing to keep, but say so.
                emptyTracks.Add(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(source)} ({new FileInfo(source).Length} bytes, no packet)"));
                continue;
            }

            var (participantId, group, segment) = Identify(Path.GetFileName(source), header);
            tracks.Add(new Track(source, header, participantId, group, segment));
        }

        // Participants in the order the session gave them; publishers we cannot map (should not happen) after them.
        var groups = tracks.Select(t => t.GroupKey).Distinct().OrderBy(g =>
        {
            var index = input.Participants.ToList().FindIndex(p => p.ParticipantId.ToString("N", CultureInfo.InvariantCulture) == g);
            return index < 0 ? int.MaxValue : index;
        }).ThenBy(g => g, StringComparer.Ordinal).ToList();

        var mediaStart = tracks.Count == 0 ? (DateTimeOffset?)null : tracks.Min(t => t.Header.FirstPacketAt);
        var originals = Path.Combine(partial, "originals");
        Directory.CreateDirectory(originals);
        var timeline = new List<(Track Track, string? File, double Duration, double Offset, int Group)>();
        for (var i = 0; i < tracks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var track = tracks[i];
            var groupIndex = groups.IndexOf(track.GroupKey);
            var extension = JanusPpRec.OriginalExtension(track.Header);
            string? file = null;
            double duration = 0;
            if (extension is not null)
            {
                var segment = tracks.Where(t => t.GroupKey == track.GroupKey && t.Header.IsVideo == track.Header.IsVideo).OrderBy(t => t.Header.FirstPacketAt).ToList().IndexOf(track);
                file = string.Create(CultureInfo.InvariantCulture, $"originals/{groupIndex + 1:00}-{(track.Header.IsVideo ? "video" : "audio")}-{segment + 1:00}.{extension}");
                var output = Path.Combine(partial, file);
                await janusPpRec.ConvertAsync(track.Source, output, cancellationToken);
                var analysis = await FFProbe.AnalyseAsync(output, ffOptions, cancellationToken: cancellationToken);
                duration = analysis.Duration.TotalSeconds;
            }

            timeline.Add((track, file, duration, (track.Header.FirstPacketAt - mediaStart!.Value).TotalSeconds, groupIndex));
            progress("originals", 0.05 + (0.25 * (i + 1) / tracks.Count));
        }

        var mediaEnd = timeline.Count == 0 ? (DateTimeOffset?)null : timeline.Max(t => t.Track.Header.FirstPacketAt.AddSeconds(t.Duration));
        var gaps = input.LoggedGaps.Select(g => PlaceRestartGap(g, [.. timeline.Select(t => (t.Track.Header.FirstPacketAt, t.Duration))])).ToList();
        gaps.AddRange(DetectGaps(timeline.Select(t => (t.Track.ParticipantId, t.Track.GroupKey, t.Track.Header.IsVideo, t.Track.Header.FirstPacketAt, t.Duration)).ToList(), job, mediaEnd, o.GapThreshold));
        if (tracks.Count == 0)
        {
            gaps.Add(new ManifestGap("NoMedia", null, job.SessionStartedAt, job.SessionEndedAt, "no recorded track found"));
        }

        if (job.EndKind == SessionEndKind.Crashed)
        {
            // Nobody ended the session: from the last media written to the next start, which closed it.
            gaps.Add(new ManifestGap("Crashed", null, mediaEnd ?? job.SessionStartedAt, job.SessionEndedAt, "the app stopped during the session; closed at its next start"));
        }

        string? compositeFile = null;
        var composable = timeline.Where(t => t.File is not null && t.Duration > 0).ToList();
        if (o.BuildComposite && composable.Any(t => t.Track.Header.IsVideo))
        {
            progress("composite", 0.3);
            compositeFile = "composite.mp4";
            var caption = Path.Combine(partial, ".caption.txt");
            await File.WriteAllTextAsync(caption, Caption(job), cancellationToken);
            var total = composable.Max(t => t.Offset + t.Duration);
            var processor = composite.Build(
                [.. composable.Select(t => new TimelineTrack(t.Group, t.Track.Header.IsVideo, Path.Combine(partial, t.File!), t.Offset, t.Duration))],
                total,
                caption,
                Path.Combine(partial, compositeFile));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(o.CompositeTimeout);
            await processor
                .NotifyOnProgress(at => progress("composite", 0.3 + (0.6 * Math.Clamp(at.TotalSeconds / total, 0, 1))))
                .ProcessAsynchronously(throwOnError: true, ffOptions, timeout.Token);
            File.Delete(caption);
        }

        progress("manifest", 0.92);
        var files = new List<ManifestFile>();
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in timeline.Where(t => t.File is not null))
        {
            var file = await StoreAsync(partial, entry.File!, nameof(ArchiveFileKind.Original), entry.Track.ParticipantId, input.Seal, cancellationToken);
            stored[entry.File!] = file.Name;
            files.Add(file);
        }

        if (compositeFile is not null)
        {
            var file = await StoreAsync(partial, compositeFile, nameof(ArchiveFileKind.Composite), null, input.Seal, cancellationToken);
            files.Add(file);
        }

        var participants = groups.Select((g, index) =>
        {
            var known = input.Participants.FirstOrDefault(p => p.ParticipantId.ToString("N", CultureInfo.InvariantCulture) == g);
            var id = known?.ParticipantId;
            return new ManifestParticipant(
                id,
                known?.Label ?? string.Create(CultureInfo.InvariantCulture, $"publisher {g}"),
                id is { } pid && input.ConsentedAt.TryGetValue(pid, out var at) ? at : null,
                [.. timeline.Where(t => t.Group == index).OrderBy(t => t.Offset).Select(t => new ManifestTrack(
                    t.Track.Header.IsVideo ? "video" : "audio", t.Track.Header.Codec, Path.GetFileName(t.Track.Source), t.File is null ? null : stored[t.File], t.Track.Header.FirstPacketAt, Math.Round(t.Duration, 3), Math.Round(t.Offset, 3)))]);
        }).ToList();
        foreach (var participant in input.Participants.Where(p => !groups.Contains(p.ParticipantId.ToString("N", CultureInfo.InvariantCulture))))
        {
            participants.Add(new ManifestParticipant(participant.ParticipantId, participant.Label, input.ConsentedAt.TryGetValue(participant.ParticipantId, out var at) ? at : null, []));
            gaps.Add(new ManifestGap("NotRecorded", participant.ParticipantId, job.SessionStartedAt, job.SessionEndedAt, "no recorded track for this participant"));
        }

        foreach (var empty in emptyTracks)
        {
            gaps.Add(new ManifestGap("EmptyTrack", null, job.SessionStartedAt, null, empty));
        }

        var manifest = new ArchiveManifest(
            1, input.ArchiveId, job.SessionId, job.BookingId, job.CaseNumber, job.SessionStartedAt, job.SessionEndedAt, job.EndKind.ToString(),
            mediaStart, mediaEnd, participants, [.. gaps.OrderBy(g => g.From)], files,
            new Dictionary<string, string>
            {
                ["ffmpeg"] = await ffmpeg.GetVersionAsync() ?? "unknown",
                ["janus-pp-rec"] = await janusPpRec.GetVersionAsync(cancellationToken) ?? "unknown",
            },
            time.GetUtcNow(),
            input.Seal ? sealer.KeyFingerprint : null);
        var manifestPath = Path.Combine(partial, ArchiveManifest.FileName);
        await File.WriteAllBytesAsync(manifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, ArchiveManifest.Json), cancellationToken);
        var (_, manifestSha) = await FileHashing.HashAsync(manifestPath, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(partial, ArchiveManifest.HashFileName), $"{manifestSha}  {ArchiveManifest.FileName}\n", cancellationToken);

        // Same volume, so the rename is atomic: either the complete folder is there or nothing is.
        Directory.Move(partial, final);
        logger.LogInformation("Archive {ArchiveId} of session {SessionId} complete: {TrackCount} tracks, {GapCount} gaps", input.ArchiveId, job.SessionId, tracks.Count, gaps.Count);
        progress("done", 1);
        return new BuiltArchive(final, manifest, manifestSha);
    }

    /// <summary>
    /// Hashes a finished media file for the manifest; when the archive is sealed (a denouncer's face and voice may not
    /// sit in plain form on this server), replaces it by its sealed form first and hashes both.
    /// </summary>
    private async Task<ManifestFile> StoreAsync(string folder, string name, string kind, Guid? participantId, bool seal, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, name);
        if (!seal)
        {
            var (size, sha) = await FileHashing.HashAsync(path, cancellationToken);
            return new ManifestFile(name, kind, participantId, size, sha);
        }

        // One read of the media: it is hashed as it streams into the sealer.
        var sealedName = name + SealedFile.Extension;
        using var plainHash = SHA256.Create();
        await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var hashing = new CryptoStream(input, plainHash, CryptoStreamMode.Read, leaveOpen: true))
        await using (var output = new FileStream(Path.Combine(folder, sealedName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await SealedFile.SealAsync(hashing, output, sealer, cancellationToken);
        }

        File.Delete(path);
        var (sealedSize, sealedSha) = await FileHashing.HashAsync(Path.Combine(folder, sealedName), cancellationToken);
        return new ManifestFile(sealedName, kind, participantId, sealedSize, sealedSha, Convert.ToHexStringLower(plainHash.Hash!));
    }

    private string Caption(ArchiveJob job)
    {
        var zone = ward.Value.TimeZone;
        var local = TimeZoneInfo.ConvertTime(job.SessionStartedAt, zone);
        var text = string.Format(CultureInfo.InvariantCulture, options.Value.CaptionFormat, local.DateTime, string.IsNullOrWhiteSpace(job.CaseNumber) ? "—" : job.CaseNumber);
        // The caption goes through a text file, but drawtext still expands '%' sequences: keep it literal.
        return text.Replace("%", "%%", StringComparison.Ordinal);
    }

    /// <summary>
    /// A media-server restart is logged once the restarted server is back, not when the old one died: the gap runs
    /// from the end of the last track recorded before the report to the start of the first track recorded after it
    /// (rooms recreated, participants publishing again); with no track after it, it stays open — nothing came back.
    /// </summary>
    internal static ManifestGap PlaceRestartGap(ManifestGap gap, IReadOnlyList<(DateTimeOffset Start, double Duration)> tracks)
    {
        if (gap.Kind != "MediaServerRestarted" || gap.To is not null)
        {
            return gap;
        }

        var before = tracks.Where(t => t.Start < gap.From).Select(t => t.Start.AddSeconds(t.Duration)).Where(e => e <= gap.From).ToList();
        var after = tracks.Where(t => t.Start > gap.From).Select(t => t.Start).ToList();
        return gap with
        {
            From = before.Count == 0 ? gap.From : before.Max(),
            To = after.Count == 0 ? null : after.Min(),
        };
    }

    /// <summary>Reconnections (space between one participant's segments) and early ends (a crash or a dropped browser).</summary>
    internal static IEnumerable<ManifestGap> DetectGaps(
        IReadOnlyList<(Guid? ParticipantId, string Group, bool IsVideo, DateTimeOffset Start, double Duration)> tracks,
        ArchiveJob job,
        DateTimeOffset? mediaEnd,
        TimeSpan threshold)
    {
        var sessionEnd = job.SessionEndedAt > (mediaEnd ?? job.SessionEndedAt) ? job.SessionEndedAt : mediaEnd ?? job.SessionEndedAt;
        foreach (var kind in tracks.GroupBy(t => (t.Group, t.IsVideo)))
        {
            var ordered = kind.OrderBy(t => t.Start).ToList();
            var participant = ordered[0].ParticipantId;
            var label = kind.Key.IsVideo ? "video" : "audio";
            for (var i = 1; i < ordered.Count; i++)
            {
                var previousEnd = ordered[i - 1].Start.AddSeconds(ordered[i - 1].Duration);
                if (ordered[i].Start - previousEnd > threshold)
                {
                    yield return new ManifestGap("Reconnection", participant, previousEnd, ordered[i].Start, label);
                }
            }

            var lastEnd = ordered[^1].Start.AddSeconds(ordered[^1].Duration);
            if (sessionEnd - lastEnd > threshold)
            {
                yield return new ManifestGap("EndedEarly", participant, lastEnd, sessionEnd, label);
            }
        }
    }

    /// <summary>Which participant and which publish a file belongs to, from the server-generated base name.</summary>
    private static (Guid? ParticipantId, string Group, long Segment) Identify(string fileName, MjrHeader header)
    {
        var ours = OurName().Match(fileName);
        if (ours.Success)
        {
            return (Guid.ParseExact(ours.Groups[1].Value, "N"), ours.Groups[1].Value, long.Parse(ours.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        var janus = JanusDefaultName().Match(fileName);
        var group = janus.Success ? "janus-" + janus.Groups[1].Value : "file-" + Path.GetFileNameWithoutExtension(fileName);
        return (null, group, header.FirstPacketAt.ToUnixTimeMilliseconds());
    }

    [GeneratedRegex("^p-([0-9a-f]{32})-([0-9]{1,20})")]
    private static partial Regex OurName();

    [GeneratedRegex("-user-([0-9A-Za-z]+)-")]
    private static partial Regex JanusDefaultName();
}
