using System.Globalization;
using FFMpegCore;
using FFMpegCore.Enums;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Recordings.Archiving;

/// <summary>A converted original placed on the session timeline.</summary>
internal sealed record TimelineTrack(int Participant, bool IsVideo, string Path, double OffsetSeconds, double DurationSeconds);

/// <summary>
/// Builds the composite viewing copy: one tile per participant with video (side by side for two, a grid above),
/// each participant's segments padded to its place on the timeline (aligned by first-packet time), audio mixed,
/// a small caption burnt in. The arguments come from FFMpegCore's builder and our options only: file names are
/// server-generated and passed as inputs, never spliced into the filter graph except the caption file we wrote.
/// </summary>
internal sealed class CompositeBuilder(IOptions<RecordingOptions> options)
{
    public sealed record Layout(int Columns, int Rows, int Width, int Height);

    public Layout LayoutFor(int tiles)
    {
        var o = options.Value;
        var columns = tiles <= 1 ? 1 : (int)Math.Ceiling(Math.Sqrt(tiles));
        var rows = tiles <= 1 ? 1 : (int)Math.Ceiling(tiles / (double)columns);
        return new Layout(columns, rows, columns * o.TileWidth, rows * o.TileHeight);
    }

    public FFMpegArgumentProcessor Build(IReadOnlyList<TimelineTrack> tracks, double totalSeconds, string captionFile, string outputPath)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tracks.Count);
        var o = options.Value;
        FFMpegArguments? arguments = null;
        foreach (var track in tracks)
        {
            // Only the file protocol: a crafted input can never make ffmpeg open a URL or another protocol.
            arguments = arguments is null
                ? FFMpegArguments.FromFileInput(track.Path, verifyExists: true, i => i.WithCustomArgument("-protocol_whitelist file"))
                : arguments.AddFileInput(track.Path, verifyExists: true, i => i.WithCustomArgument("-protocol_whitelist file"));
        }

        var videoParticipants = tracks.Where(t => t.IsVideo).Select(t => t.Participant).Distinct().Order().ToList();
        var hasAudio = tracks.Any(t => !t.IsVideo);
        var layout = LayoutFor(videoParticipants.Count);
        var total = Seconds(totalSeconds);

        return arguments!.OutputToFile(outputPath, overwrite: true, output =>
        {
            output.WithComplexFilter(graph =>
            {
                var tiles = new List<string>();
                foreach (var participant in videoParticipants)
                {
                    var segments = tracks.Select((t, index) => (t, index)).Where(x => x.t.IsVideo && x.t.Participant == participant).OrderBy(x => x.t.OffsetSeconds).ToList();
                    var labels = new List<string>();
                    var cursor = 0.0;
                    for (var k = 0; k < segments.Count; k++)
                    {
                        var (track, index) = segments[k];
                        var lead = Math.Max(0, track.OffsetSeconds - cursor);
                        var end = track.OffsetSeconds + track.DurationSeconds;
                        // Black before the segment (late join, or the time since the previous segment ended) and,
                        // for the last one, until the end of the session: every tile spans the whole timeline.
                        var trail = k == segments.Count - 1 ? Math.Max(0, totalSeconds - end) : 0;
                        cursor = Math.Max(cursor, end);
                        var label = $"p{participant}s{k}";
                        graph.From(index, StreamType.Video).Video(f => f
                            .WithCustomFilter("fps", o.FrameRate.ToString(CultureInfo.InvariantCulture))
                            .WithCustomFilter("scale", $"{o.TileWidth}:{o.TileHeight}:force_original_aspect_ratio=decrease")
                            .WithCustomFilter("pad", $"{o.TileWidth}:{o.TileHeight}:(ow-iw)/2:(oh-ih)/2")
                            .WithCustomFilter("setsar", "1")
                            .WithCustomFilter("setpts", "PTS-STARTPTS")
                            .WithCustomFilter("tpad", $"start_duration={Seconds(lead)}:stop_duration={Seconds(trail)}:start_mode=add:stop_mode=add:color=black")).As(label);
                        labels.Add(label);
                    }

                    var tile = $"t{participant}";
                    if (labels.Count == 1)
                    {
                        graph.From(labels[0]).Video(f => f.WithCustomFilter("null", "")).As(tile);
                    }
                    else
                    {
                        var chain = graph.From(labels[0]);
                        foreach (var label in labels.Skip(1))
                        {
                            chain = chain.From(label);
                        }

                        chain.Concat(labels.Count).As(tile);
                    }

                    tiles.Add(tile);
                }

                var stacked = "grid";
                if (tiles.Count == 1)
                {
                    graph.From(tiles[0]).Video(f => f.WithCustomFilter("null", "")).As(stacked);
                }
                else
                {
                    var chain = graph.From(tiles[0]);
                    foreach (var tile in tiles.Skip(1))
                    {
                        chain = chain.From(tile);
                    }

                    var cells = Enumerable.Range(0, tiles.Count).Select(i =>
                        string.Create(CultureInfo.InvariantCulture, $"{i % layout.Columns * o.TileWidth}_{i / layout.Columns * o.TileHeight}"));
                    chain.Video(f => f.WithCustomFilter("xstack", $"inputs={tiles.Count}:layout={string.Join('|', cells)}:fill=black")).As(stacked);
                }

                graph.From(stacked).Video(f => f
                    .WithCustomFilter("drawtext", $"textfile='{captionFile}':x=8:y=h-th-8:fontsize=16:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4")
                    .WithCustomFilter("format", "yuv420p")).As("vout");

                if (hasAudio)
                {
                    var audio = tracks.Select((t, index) => (t, index)).Where(x => !x.t.IsVideo).ToList();
                    var labels = new List<string>();
                    foreach (var (track, index) in audio)
                    {
                        var label = $"a{index}";
                        var delayMs = ((long)Math.Round(track.OffsetSeconds * 1000)).ToString(CultureInfo.InvariantCulture);
                        graph.From(index, StreamType.Audio).Audio(f => f
                            .WithCustomFilter("aresample", "48000")
                            .WithCustomFilter("adelay", $"{delayMs}:all=1")).As(label);
                        labels.Add(label);
                    }

                    var mix = graph.From(labels[0]);
                    foreach (var label in labels.Skip(1))
                    {
                        mix = mix.From(label);
                    }

                    mix.Audio(f => f.WithCustomFilter("amix", $"inputs={labels.Count}:duration=longest:normalize=0")).As("aout");
                }
            });
            output.WithMap("vout");
            if (hasAudio)
            {
                output.WithMap("aout").WithAudioCodec(AudioCodec.Aac).WithAudioBitrate(o.AudioBitrateKbps);
            }

            output.WithVideoCodec(VideoCodec.LibX264)
                .WithSpeedPreset(EncoderPreset.VeryFast)
                .WithConstantRateFactor(o.Crf)
                .WithDuration(TimeSpan.FromSeconds(double.Parse(total, CultureInfo.InvariantCulture)))
                .WithFastStart();
        });
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
