using System.Text.Json;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Integrity;
using DaoVien.OnlineReception.Recordings.Tests.Harness;
using DaoVien.OnlineReception.Testing.Recording;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Recordings.Tests;

/// <summary>Real Janus, real Chromium publishing generated clips, the real app archiving (inside the network namespace).</summary>
public sealed class RecordingPipelineTests(PostgresServer postgres, BrowserFixture browsers)
{
    [Fact]
    public async Task Archive_ShortTwoPartySession_ConsentPrecedesFirstPacketAndManifestVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await RecordingScenario.StartAsync(postgres, ct);
        scenario.App.StartOnSocket();
        var clips = new[]
        {
            await TestClips.GenerateAsync(scenario.Folder, "A", 4, 880, ct),
            await TestClips.GenerateAsync(scenario.Folder, "B", 4, 440, ct),
        };
        var session = await scenario.RecordAsync(browsers, clips, _ => Task.Delay(TimeSpan.FromSeconds(4), ct), ct);

        await scenario.WithScopeAsync(sp => sp.GetRequiredService<IRecordingArchiver>().EnqueueAsync(
            new ArchiveRequest(session.SessionId, null, "TCD-2026-0001", session.Start, session.End, SessionEndKind.Ended, session.Participants), ct));
        var job = await scenario.WaitForJobAsync(session.SessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);

        var manifest = await ReadManifestAsync(scenario, job.ArchiveId!.Value, ct);
        Assert.Equal(2, manifest.Participants.Count);
        foreach (var (participant, index) in session.Participants.Select((p, i) => (p, i)))
        {
            var tracks = manifest.Participants.Single(p => p.ParticipantId == participant.ParticipantId).Tracks;
            Assert.Contains(tracks, t => t.Kind == "audio");
            Assert.Contains(tracks, t => t.Kind == "video");
            Assert.All(tracks, t => Assert.True(session.ConsentAt[index] < t.FirstPacketAt, $"consent {session.ConsentAt[index]:O} not before first packet {t.FirstPacketAt:O}"));
        }

        var problem = await scenario.WithScopeAsync(sp => sp.GetRequiredService<IntegrityVerifier>().VerifyAsync(job.ArchiveId!.Value, ct));
        Assert.Null(problem);
    }

    internal static async Task<ArchiveManifest> ReadManifestAsync(RecordingScenario scenario, Guid archiveId, CancellationToken ct)
    {
        var folder = scenario.App.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(archiveId);
        await using var stream = File.OpenRead(Path.Combine(folder, ArchiveManifest.FileName));
        return (await JsonSerializer.DeserializeAsync<ArchiveManifest>(stream, ArchiveManifest.Json, ct))!;
    }
}
