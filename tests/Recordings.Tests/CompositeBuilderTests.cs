using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Recordings.Tests;

/// <summary>Pins the ffmpeg arguments of each composite profile, so a change to them is a visible, reviewed change.</summary>
public sealed class CompositeBuilderTests
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("composite-args-").FullName;

    [Fact]
    public void Build_TwoParticipantsOneReconnected_PinsArguments()
    {
        var files = Enumerable.Range(0, 5).Select(i => Touch($"t{i}")).ToArray();
        var builder = new CompositeBuilder(Options.Create(new RecordingOptions()));
        var processor = builder.Build(
            [
                new TimelineTrack(0, IsVideo: true, files[0], 0, 20),
                new TimelineTrack(0, IsVideo: false, files[1], 0.25, 19.5),
                new TimelineTrack(1, IsVideo: true, files[2], 1.5, 8),
                new TimelineTrack(1, IsVideo: true, files[3], 12, 8.5),
                new TimelineTrack(1, IsVideo: false, files[4], 1.5, 18.9),
            ],
            totalSeconds: 20.5,
            captionFile: Path.Combine(Folder, "caption.txt"),
            outputPath: Path.Combine(Folder, "composite.mp4"));

        var expected = string.Join(' ',
            string.Join(' ', files.Select(f => $"-protocol_whitelist file -i \"{f}\"")),
            "-filter_complex \"" +
            "[0:v]fps=15,scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,setpts=PTS-STARTPTS,tpad=start_duration=0:stop_duration=0.5:start_mode=add:stop_mode=add:color=black[p0s0];" +
            "[p0s0]null[t0];" +
            "[2:v]fps=15,scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,setpts=PTS-STARTPTS,tpad=start_duration=1.5:stop_duration=0:start_mode=add:stop_mode=add:color=black[p1s0];" +
            "[3:v]fps=15,scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,setpts=PTS-STARTPTS,tpad=start_duration=2.5:stop_duration=0:start_mode=add:stop_mode=add:color=black[p1s1];" +
            "[p1s0][p1s1]concat=n=2:v=1:a=0[t1];" +
            "[t0][t1]xstack=inputs=2:layout=0_0|640_0:fill=black[grid];" +
            $"[grid]drawtext=textfile='{Folder}/caption.txt':x=8:y=h-th-8:fontsize=16:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4,format=yuv420p[vout];" +
            "[1:a]aresample=48000,adelay=250:all=1[a1];" +
            "[4:a]aresample=48000,adelay=1500:all=1[a4];" +
            "[a1][a4]amix=inputs=2:duration=longest:normalize=0[aout]\"",
            "-map \"[vout]\" -map \"[aout]\" -c:a aac -b:a 96k -c:v libx264 -preset veryfast -crf 28 -t 00:00:20.500 -movflags faststart",
            $"\"{Folder}/composite.mp4\" -y");
        Assert.Equal(expected, processor.Arguments);
    }

    [Fact]
    public void Build_AudioOnlyParticipant_NoVideoTileOnlyTheirAudioInTheMix()
    {
        var files = Enumerable.Range(0, 3).Select(i => Touch($"ao{i}")).ToArray();
        var builder = new CompositeBuilder(Options.Create(new RecordingOptions()));
        var processor = builder.Build(
            [
                new TimelineTrack(0, IsVideo: true, files[0], 0, 20),
                new TimelineTrack(0, IsVideo: false, files[1], 0, 20),
                new TimelineTrack(1, IsVideo: false, files[2], 2, 18),
            ],
            totalSeconds: 20,
            captionFile: Path.Combine(Folder, "caption.txt"),
            outputPath: Path.Combine(Folder, "composite.mp4"));

        // One tile (the participant with a camera) at tile size: no black tile for the audio-only participant.
        Assert.Equal(640, builder.LayoutFor(1).Width);
        Assert.DoesNotContain("xstack", processor.Arguments, StringComparison.Ordinal);
        Assert.DoesNotContain("[2:v]", processor.Arguments, StringComparison.Ordinal);
        Assert.Contains("[t0]null[grid]", processor.Arguments, StringComparison.Ordinal);
        Assert.Contains("[2:a]aresample=48000,adelay=2000:all=1[a2]", processor.Arguments, StringComparison.Ordinal);
        Assert.Contains("[a1][a2]amix=inputs=2", processor.Arguments, StringComparison.Ordinal);
    }

    private static string Touch(string name)
    {
        var path = Path.Combine(Folder, name + ".webm");
        File.WriteAllBytes(path, [0]);
        return path;
    }
}
