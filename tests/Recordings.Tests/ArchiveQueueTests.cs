using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Recordings.Tests;

/// <summary>The PostgreSQL job queue: exclusive claims, retries, permanent failure shown with its error.</summary>
public sealed class ArchiveQueueTests(PostgresServer postgres)
{
    [Fact]
    public async Task ClaimAsync_SixWorkersRaceForThreeJobs_EachJobClaimedExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("rec-queue-").FullName;
        await using var app = new ReceptionAppFactory(await postgres.CreateDatabaseAsync("recq"), folder, new Dictionary<string, string?> { ["Media:Recording:Folder"] = Path.Combine(folder, "rec") })
            .WithServices(s => s.Remove(s.Single(d => d.ImplementationType == typeof(ArchiveWorker))));
        _ = app.Services;
        for (var i = 0; i < 3; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IRecordingArchiver>().EnqueueAsync(Request(Guid.NewGuid()), ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ArchiveQueue>().ClaimAsync(Guid.NewGuid(), ct);
        }));

        var claimed = claims.Where(c => c is not null).Select(c => c!.Id).ToList();
        Assert.Equal(3, claimed.Count);
        Assert.Equal(3, claimed.Distinct().Count());
    }

    [Fact]
    public async Task EnqueueAsync_SameSessionTwice_KeepsOneJob()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("rec-queue-").FullName;
        await using var app = new ReceptionAppFactory(await postgres.CreateDatabaseAsync("recq"), folder, new Dictionary<string, string?> { ["Media:Recording:Folder"] = Path.Combine(folder, "rec") })
            .WithServices(s => s.Remove(s.Single(d => d.ImplementationType == typeof(ArchiveWorker))));
        var request = Request(Guid.NewGuid());
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IRecordingArchiver>().EnqueueAsync(request, ct);
        }));
        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task Worker_ToolKeepsFailing_RetriesThenShowsFailedJobWithError()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("rec-queue-").FullName;
        await using var app = new ReceptionAppFactory(await postgres.CreateDatabaseAsync("recq"), folder, new Dictionary<string, string?>
        {
            ["Media:Recording:Folder"] = Path.Combine(folder, "rec"),
            ["Media:Recording:JanusPpRecPath"] = Path.Combine(folder, "no-such-janus-pp-rec"),
            ["Media:Recording:MaxAttempts"] = "3",
            ["Media:Recording:RetryBaseDelay"] = "00:00:00",
            ["Media:Recording:PollInterval"] = "00:00:00.200",
        });
        var sessionId = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var raw = scope.ServiceProvider.GetRequiredService<IRecordingStorage>().PrepareSessionFolder(sessionId);
            await File.WriteAllBytesAsync(Path.Combine(raw, "p-" + Guid.NewGuid().ToString("N") + "-1-audio-0.mjr"), [1, 2, 3], ct);
            await scope.ServiceProvider.GetRequiredService<IRecordingArchiver>().EnqueueAsync(Request(sessionId), ct);
        }

        var job = await app.JobFinishedAsync(sessionId, ct);
        Assert.Equal(ArchiveJobState.Failed, job.State);
        Assert.Equal(3, job.Attempts);
        Assert.Contains("janus-tools", job.LastError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(app.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(job.ArchiveId!.Value)));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<RecordingsDbContext>().Archives.AnyAsync(ct));
        }

        await app.CreateStaffAsync("vanthu", "Mat-khau-2026!", "Văn thư", TestRoles.Staff);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await client.SignInAsync("vanthu", "Mat-khau-2026!", ct);
        var page = await client.GetStringAsync("/Recordings", ct);
        Assert.Contains("janus-tools", page, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Failed\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_RecordingsWithoutPackets_ArchivedWithEachFileNamedAsEmptyTrack()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("rec-queue-").FullName;
        await using var app = new ReceptionAppFactory(await postgres.CreateDatabaseAsync("recq"), folder, new Dictionary<string, string?>
        {
            ["Media:Recording:Folder"] = Path.Combine(folder, "rec"),
            ["Media:Recording:PollInterval"] = "00:00:00.200",
        });
        var sessionId = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // What Janus leaves when a publisher stops (or is paused) before its first packet: the file without a header
            // (it writes the header with the first packet) — empty, or just the format's magic.
            var raw = scope.ServiceProvider.GetRequiredService<IRecordingStorage>().PrepareSessionFolder(sessionId);
            await File.WriteAllBytesAsync(Path.Combine(raw, "p-" + Guid.NewGuid().ToString("N") + "-1-video-0.mjr"), [], ct);
            await File.WriteAllTextAsync(Path.Combine(raw, "p-" + Guid.NewGuid().ToString("N") + "-1-audio-0.mjr"), "MJR00002", ct);
            await scope.ServiceProvider.GetRequiredService<IRecordingArchiver>().EnqueueAsync(Request(sessionId), ct);
        }

        var job = await app.JobFinishedAsync(sessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        var manifest = System.Text.Json.JsonSerializer.Deserialize<ArchiveManifest>(
            await File.ReadAllTextAsync(Path.Combine(app.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(job.ArchiveId!.Value), ArchiveManifest.FileName), ct), ArchiveManifest.Json)!;
        Assert.Equal(2, manifest.Gaps.Count(g => g.Kind == "EmptyTrack" && g.Detail!.Contains("no packet", StringComparison.Ordinal)));
        Assert.Contains(manifest.Gaps, g => g.Kind == "NoMedia");
    }

    internal static ArchiveRequest Request(Guid sessionId) =>
        new(sessionId, null, null, new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 2, 30, 0, TimeSpan.Zero), SessionEndKind.Ended,
            [new ArchiveParticipant(Guid.NewGuid(), "Chủ tọa")]);
}
