using DaoVien.OnlineReception.Kernel.Sealing;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Integrity;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Recordings.Tests.Harness;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.Recording;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Recordings.Tests;

/// <summary>
/// A denunciation's session shows and says who the denouncer is: its archive holds no playable media on the server
/// (docs/adr/0043), yet stays verifiable there and opens, whole, with the offline private key.
/// </summary>
public sealed class SealedArchiveTests(PostgresServer postgres, BrowserFixture browsers)
{
    [Fact]
    public async Task Archive_DenunciationSession_MediaSealedRawDeletedIntegrityChecksAndPrivateKeyOpensComposite()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await RecordingScenario.StartAsync(postgres, ct);
        _ = scenario.App.StartOnSocket();
        var chairman = await scenario.App.CreateStaffAsync("chutich.niemphong", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var bookings = new ReceptionBookings(scenario.App.Services);
        var booking = await bookings.BookAsync(await bookings.OpenDayAsync(chairman), 0, "Phạm Thị Tố Giác", MatterKind.Denunciation);
        var clips = new[]
        {
            await TestClips.GenerateAsync(scenario.Folder, "A", 6, 880, ct),
            await TestClips.GenerateAsync(scenario.Folder, "B", 6, 440, ct),
        };
        var session = await scenario.RecordAsync(browsers, clips, _ => Task.Delay(TimeSpan.FromSeconds(5), ct), ct);
        await scenario.WithScopeAsync(sp => sp.GetRequiredService<IRecordingArchiver>().EnqueueAsync(
            new ArchiveRequest(session.SessionId, booking.BookingId, null, session.Start, session.End, SessionEndKind.Ended, session.Participants), ct));

        var job = await scenario.WaitForJobAsync(session.SessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        var archiveId = job.ArchiveId!.Value;
        var manifest = await scenario.ReadManifestAsync(archiveId, ct);
        var paths = scenario.App.Services.GetRequiredService<RecordingPaths>();
        var folder = paths.ArchiveFolder(archiveId);

        // Every media file is sealed with the configured public key; nothing playable is left, nor Janus's recordings.
        Assert.Equal(scenario.App.Services.GetRequiredService<IIdentitySealer>().KeyFingerprint, manifest.SealedWithKey);
        Assert.Contains(manifest.Files, f => f.Kind == nameof(ArchiveFileKind.Composite));
        Assert.All(manifest.Files, f => Assert.EndsWith(SealedFile.Extension, f.Name, StringComparison.Ordinal));
        Assert.All(manifest.Files, f => Assert.NotNull(f.OpenedSha256));
        Assert.DoesNotContain(Directory.GetFiles(folder, "*", SearchOption.AllDirectories), f => f.EndsWith(".mp4", StringComparison.Ordinal) || f.EndsWith(".webm", StringComparison.Ordinal) || f.EndsWith(".opus", StringComparison.Ordinal));
        Assert.False(Directory.Exists(paths.RawFolder(session.SessionId)));
        Assert.True(await scenario.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Archives.Where(a => a.Id == archiveId).Select(a => a.Sealed).SingleAsync(ct)));

        // The staff page says why there is nothing to play, and offers no player (to an inspector: an archive on no case
        // is not open to every Staff account, docs/adr/0070).
        await scenario.App.CreateStaffAsync("vanthu.niemphong", "Staff-pass-2026", "Lê Văn Thư", TestRoles.Inspector);
        using var staff = scenario.App.CreateClient();
        await staff.SignInAsync("vanthu.niemphong", "Staff-pass-2026", ct);
        var page = await staff.GetStringAsync(new Uri($"/Recordings/Archive?id={archiveId:N}", UriKind.Relative), ct);
        Assert.Contains("data-testid=\"archive-sealed\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("archive-player", page, StringComparison.Ordinal);

        // The server still verifies what it stores (the sealed bytes).
        Assert.Null(await scenario.WithScopeAsync(sp => sp.GetRequiredService<IntegrityVerifier>().VerifyAsync(archiveId, ct)));

        // Offline, the private key opens the composite: the same media the manifest hashed, H.264 + AAC for two.
        var privateKey = await File.ReadAllTextAsync(Path.Combine(scenario.App.DataDirectory, IdentitySealer.PrivateKeyFileName), ct);
        var composite = manifest.Files.Single(f => f.Kind == nameof(ArchiveFileKind.Composite));
        var opened = Path.Combine(scenario.Folder, "opened-composite.mp4");
        await using (var input = File.OpenRead(Path.Combine(folder, composite.Name)))
        await using (var output = File.Create(opened))
        {
            await SealedFile.OpenAsync(input, output, privateKey, ct);
        }

        Assert.Equal(composite.OpenedSha256, (await FileHashing.HashAsync(opened, ct)).Sha256);
        var media = await FFProbe.AnalyseAsync(opened, cancellationToken: ct);
        Assert.Equal("h264", media.PrimaryVideoStream!.CodecName);
        Assert.Equal("aac", media.PrimaryAudioStream!.CodecName);
        Assert.Equal(2 * 640, media.PrimaryVideoStream.Width);
    }
}
