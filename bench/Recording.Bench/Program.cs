using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DaoVien.OnlineReception.Cases;
using DaoVien.OnlineReception.Kernel;
using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Realtime;
using DaoVien.OnlineReception.Realtime.Media;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Scheduling;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.Recording;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Recording benchmark: records a two-party session through real Janus (Chromium publishing generated clips),
// then measures seconds of media archived per second of processing for (a) originals only, (b) originals +
// composite, and (c) a plain ffmpeg command line doing the same composite (our overhead = b's encode vs c).
// Run inside the network namespace (see bench/README.md). Argument: session length in seconds (default 60), or
// --smoke: a 4-second session, same code path (scripts/run-bench-smoke.sh runs it from test.sh).
var smoke = args.Contains("--smoke");
var seconds = smoke ? 4 : args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var ct = cts.Token;
var work = Directory.CreateTempSubdirectory("recording-bench-").FullName;
var benchSealingKey = SealedBox.GenerateKeyPair().PublicKeyPem;
try
{
    var sessionId = Guid.NewGuid();
    var participants = new[] { new ArchiveParticipant(Guid.NewGuid(), "Chủ tọa"), new ArchiveParticipant(Guid.NewGuid(), "Công dân 1") };
    var raw = Path.Combine(work, "recordings", "raw", sessionId.ToString("N"));
    Directory.CreateDirectory(raw);

    Console.WriteLine($"recording a {seconds}-second two-party session through Janus…");
    DateTimeOffset started;
    await using (var janus = await JanusHarness.StartAsync(ct))
    {
        var browsers = new BrowserFixture();
        await browsers.InitializeAsync();
        var room = await janus.CreateRecordedRoomAsync(raw, ct);
        var publishers = new List<FakeMediaPublisher>();
        started = TimeProvider.System.GetUtcNow();
        foreach (var (participant, index) in participants.Select((p, i) => (p, i)))
        {
            var clip = await TestClips.GenerateAsync(work, index == 0 ? "A" : "B", 10, index == 0 ? 880 : 440, ct);
            var publisher = await FakeMediaPublisher.LaunchAsync(browsers, clip);
            publishers.Add(publisher);
            await publisher.PublishAsync(janus, room, RecordingPaths.PublisherBaseName(participant.ParticipantId, TimeProvider.System.GetUtcNow()), ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
        foreach (var publisher in publishers)
        {
            await janus.UnpublishAsync(publisher.Handle, ct);
            await publisher.DisposeAsync();
        }

        await browsers.DisposeAsync();
    }

    var ended = TimeProvider.System.GetUtcNow();
    var job = new ArchiveJob
    {
        Id = Guid.NewGuid(), SessionId = sessionId, SessionStartedAt = started, SessionEndedAt = ended, CaseNumber = "TCD-BENCH",
        ParticipantsJson = JsonSerializer.Serialize(participants), CreatedAt = ended,
    };

    _ = await RunAsync(buildComposite: false); // warm-up (JIT, file cache); not reported
    var originalsOnly = await RunAsync(buildComposite: false);
    var withComposite = await RunAsync(buildComposite: true);
    // A functional check, not a speed one: both publishers must be in the archive with their video, and the
    // composite must exist, or the figures below describe an archive that lost someone.
    var archived = withComposite.Manifest.Manifest;
    var lost = participants.Where(p => !archived.Participants.Any(m => m.ParticipantId == p.ParticipantId && m.Tracks.Any(t => t.Kind == "video" && t.File is not null))).ToList();
    if (lost.Count > 0 || archived.MediaStartedAt is null || archived.MediaEndedAt is null || !archived.Files.Any(f => f.Kind == nameof(ArchiveFileKind.Composite)))
    {
        Console.Error.WriteLine($"FAILED: archive incomplete ({lost.Count} participant(s) without video, files: {string.Join(", ", archived.Files.Select(f => f.Name))})");
        return 1;
    }

    var media = (withComposite.Manifest.Manifest.MediaEndedAt!.Value - withComposite.Manifest.Manifest.MediaStartedAt!.Value).TotalSeconds;

    // (c) the same composite by a plain ffmpeg command line: the exact arguments our builder produced, run directly.
    var (compositeArguments, plainSeconds) = await PlainFfmpegAsync(withComposite);

    Console.WriteLine();
    Console.WriteLine($"media archived: {media:0.0} s (2 participants, audio + video each)");
    Console.WriteLine($"(a) originals only (janus-pp-rec remux + hashes + manifest): {originalsOnly.Seconds:0.00} s → {media / originalsOnly.Seconds:0.0} s of media per second");
    Console.WriteLine($"(b) originals + composite:                                 {withComposite.Seconds:0.00} s → {media / withComposite.Seconds:0.00} s of media per second");
    var ourComposite = withComposite.CompositeSeconds;
    Console.WriteLine($"(c) plain ffmpeg, same composite:                          {plainSeconds:0.00} s → {media / plainSeconds:0.00} s of media per second");
    Console.WriteLine($"composite step in the pipeline (FFMpegCore) {ourComposite:0.00} s vs plain ffmpeg {plainSeconds:0.00} s: ratio {ourComposite / plainSeconds:0.00}");
    Console.WriteLine($"ffmpeg arguments: {compositeArguments}");
    return 0;

    async Task<(BuiltArchive Manifest, double Seconds, string Folder, double CompositeSeconds)> RunAsync(bool buildComposite)
    {
        // The archive pipeline's services as the app composes them (the same module registrations as Program.cs),
        // so a dependency added to the pipeline cannot be missing here: a hand-made list lacked the identity sealer
        // once sealed recordings landed. Built, never started: no database, Janus or hosted service is touched.
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Bench", DisableDefaults = true });
        host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reception:DataDirectory"] = Path.Combine(work, "data"),
            // A key of its own, so the sealer does not generate a pair (and warn about its private half) on each run.
            ["Sealing:PublicKeyPem"] = benchSealingKey,
            ["Media:Recording:Folder"] = Path.Combine(work, "recordings"),
            ["Media:Recording:BuildComposite"] = buildComposite ? "true" : "false",
        });
        host.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        host.AddKernel();
        host.AddScheduling();
        host.AddCases();
        host.AddRealtime();
        await using var provider = host.Services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var builder = scope.ServiceProvider.GetRequiredService<ArchiveBuilder>();
        await provider.GetRequiredService<FfmpegToolbox>().GetVersionAsync(); // warm: not part of the measure
        var watch = Stopwatch.StartNew();
        TimeSpan? compositeStart = null, compositeEnd = null;
        var built = await builder.BuildAsync(new ArchiveInput(Guid.NewGuid(), job, participants, new Dictionary<Guid, DateTimeOffset>(), []), (stage, _) =>
        {
            // The composite stage runs from its first progress report to the manifest stage.
            if (stage == "composite")
            {
                compositeStart ??= watch.Elapsed;
            }
            else if (stage == "manifest")
            {
                compositeEnd ??= watch.Elapsed;
            }
        }, ct);
        watch.Stop();
        return (built, watch.Elapsed.TotalSeconds, built.Folder, compositeStart is { } s && compositeEnd is { } e ? (e - s).TotalSeconds : 0);
    }

    async Task<(string Arguments, double Seconds)> PlainFfmpegAsync((BuiltArchive Manifest, double Seconds, string Folder, double CompositeSeconds) archive)
    {
        var manifest = archive.Manifest.Manifest;
        var tracks = manifest.Participants.SelectMany((p, index) => p.Tracks.Select(t => new TimelineTrack(index, t.Kind == "video", Path.Combine(archive.Folder, t.File!), t.OffsetSeconds, t.DurationSeconds))).ToList();
        var total = tracks.Max(t => t.OffsetSeconds + t.DurationSeconds);
        var caption = Path.Combine(work, "caption.txt");
        await File.WriteAllTextAsync(caption, "Tiếp công dân trực tuyến — bench", ct);
        var output = Path.Combine(work, "plain-composite.mp4");
        var arguments = new CompositeBuilder(Microsoft.Extensions.Options.Options.Create(new RecordingOptions())).Build(tracks, total, caption, output).Arguments;
        var info = new ProcessStartInfo("/usr/bin/ffmpeg", "-hide_banner -loglevel error -nostdin " + arguments) { UseShellExecute = false, RedirectStandardError = true };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("plain ffmpeg failed: " + await stderr);
        }

        return (arguments, watch.Elapsed.TotalSeconds);
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}
