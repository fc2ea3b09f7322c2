using System.Text.Json;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.Recording;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Recordings.Tests.Harness;

/// <summary>The app on a fresh database with its recordings under a temp folder, plus a private Janus.</summary>
internal sealed class RecordingScenario : IAsyncDisposable
{
    private RecordingScenario(ReceptionAppFactory app, JanusHarness janus, string folder)
    {
        App = app;
        Janus = janus;
        Folder = folder;
    }

    public ReceptionAppFactory App { get; }

    public JanusHarness Janus { get; }

    public string Folder { get; }

    public static async Task<RecordingScenario> StartAsync(PostgresServer postgres, CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        var folder = Directory.CreateTempSubdirectory("rec-test-").FullName;
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Media:Recording:Folder"] = Path.Combine(folder, "recordings"),
            ["Media:Recording:PollInterval"] = "00:00:00.500",
            ["Media:Recording:MinimumFreeSpaceMegabytes"] = "1",
        };
        var app = new ReceptionAppFactory(await postgres.CreateDatabaseAsync("rec"), Path.Combine(folder, "data"), all).WithSystemClock();
        var janus = await JanusHarness.StartAsync(cancellationToken);
        return new RecordingScenario(app, janus, folder);
    }

    public Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action) => App.WithScopeAsync(action);

    /// <summary>Waits for the session's archive job to finish (success or permanent failure).</summary>
    public Task<ArchiveJob> WaitForJobAsync(Guid sessionId, CancellationToken cancellationToken) => App.JobFinishedAsync(sessionId, cancellationToken);

    /// <summary>Records a session: each clip publishes from its own browser; <paramref name="during"/> runs while they publish.</summary>
    public async Task<(Guid SessionId, DateTimeOffset Start, DateTimeOffset End, ArchiveParticipant[] Participants, DateTimeOffset[] ConsentAt)> RecordAsync(
        BrowserFixture browsers, TestClips.Clip[] clips, Func<FakeMediaPublisher[], Task> during, CancellationToken cancellationToken)
    {
        var sessionId = Guid.NewGuid();
        var participants = clips.Select((_, i) => new ArchiveParticipant(Guid.NewGuid(), i == 0 ? "Chủ tọa" : $"Công dân {i}")).ToArray();
        var recDir = await WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IRecordingStorage>().PrepareSessionFolder(sessionId)));
        var room = await Janus.CreateRecordedRoomAsync(recDir, cancellationToken);
        var start = App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var publishers = new List<FakeMediaPublisher>();
        var consentAt = new DateTimeOffset[clips.Length];
        try
        {
            for (var i = 0; i < clips.Length; i++)
            {
                var participant = participants[i];
                // Consent first: the notice is acknowledged before the participant's media is published and recorded.
                consentAt[i] = await WithScopeAsync(async sp =>
                {
                    var consent = sp.GetRequiredService<IRecordingConsent>();
                    return await consent.RecordAcknowledgmentAsync(sessionId, participant.ParticipantId, consent.GetNotice().TextVersion, cancellationToken);
                });
                var fileBase = await WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IRecordingStorage>().PublisherFileBase(sessionId, participant.ParticipantId)));
                var publisher = await FakeMediaPublisher.LaunchAsync(browsers, clips[i]);
                publishers.Add(publisher);
                await publisher.PublishAsync(Janus, room, fileBase, cancellationToken);
            }

            await during([.. publishers]);
            foreach (var publisher in publishers.Where(p => !p.IsClosed))
            {
                await Janus.UnpublishAsync(publisher.Handle, cancellationToken);
            }
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync();
            }
        }

        var end = App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return (sessionId, start, end, participants, consentAt);
    }

    public async Task<ArchiveManifest> ReadManifestAsync(Guid archiveId, CancellationToken cancellationToken)
    {
        var folder = App.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(archiveId);
        await using var stream = File.OpenRead(Path.Combine(folder, ArchiveManifest.FileName));
        return (await JsonSerializer.DeserializeAsync<ArchiveManifest>(stream, ArchiveManifest.Json, cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Janus.DisposeAsync();
        await App.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
