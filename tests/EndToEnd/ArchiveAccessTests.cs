using System.Net;
using System.Security.Cryptography;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Realtime.Recordings.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Playback;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// Evidence access (issue 11, items 1–3): archives are opened only through their case, every served file and every
/// refusal is in the access log whatever the request's headers, and the page's download link downloads.
/// The archive is a real folder with a real row (how it was encoded is the archive tests' business).
/// </summary>
public sealed class ArchiveAccessTests(PostgresServer postgres, BrowserFixture browsers) : IAsyncLifetime
{
    private const string Password = "Mat-khau-2026!";
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;
    private Guid _assigneeId;
    private Guid _caseId;
    private string _caseNumber = "";
    private Guid _archiveId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var folder = Path.Combine(postgres.RootDirectory, "archive-access-" + Guid.NewGuid().ToString("N")[..8]);
        // A fixed minute of the ward's day: the log's per-minute coalescing is then not at the mercy of the test's hour.
        var clock = ShiftedTimeProvider.ToWardTime(new TimeOnly(9, 0));
        _app = ReceptionAppFactory.Create(await postgres.CreateDatabaseAsync("arch"), Path.Combine(folder, "data"), new Dictionary<string, string?>
        {
            ["Media:Recording:Folder"] = Path.Combine(folder, "recordings"),
        }).WithServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
        _base = _app.StartOnSocket();
        _assigneeId = await _app.CreateStaffAsync("canbo.giao", Password, "Cán bộ được giao", TestRoles.Staff);
        await _app.CreateStaffAsync("canbo.khac", Password, "Cán bộ khác", TestRoles.Staff);
        await _app.CreateStaffAsync("chanhtra", Password, "Chánh thanh tra", TestRoles.Inspector);
        var (created, file) = await _app.WithScopeAsync(sp => sp.GetRequiredService<CaseRegistry>().CreateAsync(
            new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Đơn khiếu nại", sp.GetRequiredService<WardClock>().Today, [new ReceptionParticipant("Nguyễn Văn A", null, null, null, false)], false, _assigneeId),
            CaseActor.System, Ct));
        Assert.True(created.Error is null, created.Error);
        _caseId = file!.Id;
        _caseNumber = file.Number;
        _archiveId = await SeedArchiveAsync(_caseId, _caseNumber);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Playback_RangeRequestsNotFromZero_EveryServedFileLoggedOncePerMinute()
    {
        using var assignee = await SignedInClientAsync("canbo.giao");
        var url = PlaybackEndpoints.FileUrl(_archiveId, "composite.mp4");
        // A client that never asks for "bytes=0-" got whole files with no row before; now every serving response counts.
        for (var i = 0; i < 30; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100 + i, 199 + i);
            using var response = await assignee.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        }

        using (var manifest = new HttpRequestMessage(HttpMethod.Get, PlaybackEndpoints.FileUrl(_archiveId, ArchiveManifest.FileName)))
        {
            manifest.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(1, null);
            Assert.Equal(HttpStatusCode.PartialContent, (await assignee.SendAsync(manifest, Ct)).StatusCode);
        }

        var log = await AccessLogAsync();
        Assert.Single(log, a => a.StaffUserName == "canbo.giao" && a.FileName == "composite.mp4" && a.Kind == ArchiveAccessKind.View);
        Assert.Single(log, a => a.StaffUserName == "canbo.giao" && a.FileName == ArchiveManifest.FileName && a.Kind == ArchiveAccessKind.View);
    }

    [Fact]
    public async Task ArchiveAccess_StaffNotOnTheCase_CannotListPlayDownloadOrDetachAndTheRefusalIsLogged()
    {
        await using var otherContext = await browsers.NewContextAsync(_base);
        var other = await otherContext.NewPageAsync();
        await other.SignInAsync("canbo.khac", Password);
        await other.GotoAsync("/Recordings");
        await Assertions.Expect(other.Locator($"[data-archive='{_archiveId}']")).ToHaveCountAsync(0);
        var page = await other.GotoAsync($"/Recordings/Archive?id={_archiveId:N}");
        Assert.Equal(404, page!.Status);
        var played = await otherContext.APIRequest.GetAsync(PlaybackEndpoints.FileUrl(_archiveId, "composite.mp4"));
        Assert.Equal(404, played.Status);
        var downloaded = await otherContext.APIRequest.GetAsync(PlaybackEndpoints.FileUrl(_archiveId, "composite.mp4", download: true));
        Assert.Equal(404, downloaded.Status);

        // A forged detach (a valid antiforgery token of this account, from any page it can open) changes nothing.
        using var forger = await SignedInClientAsync("canbo.khac");
        var token = await forger.AntiforgeryTokenAsync(new Uri("Cases/Create", UriKind.Relative), Ct);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = _archiveId.ToString(), ["__RequestVerificationToken"] = token });
        using var detach = await forger.PostAsync(new Uri("Recordings/Archive?handler=Detach", UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.NotFound, detach.StatusCode);
        Assert.Equal(_caseId, await ArchiveCaseAsync());

        // The assignee and a role that sees every case still list and open it.
        await using var assigneeContext = await browsers.NewContextAsync(_base);
        var assignee = await assigneeContext.NewPageAsync();
        await assignee.SignInAsync("canbo.giao", Password);
        await assignee.GotoAsync("/Recordings");
        await Assertions.Expect(assignee.Locator($"[data-archive='{_archiveId}']")).ToHaveCountAsync(1);
        await using var inspectorContext = await browsers.NewContextAsync(_base);
        var inspector = await inspectorContext.NewPageAsync();
        await inspector.SignInAsync("chanhtra", Password);
        Assert.Equal(200, (await inspector.GotoAsync($"/Recordings/Archive?id={_archiveId:N}"))!.Status);

        // The assignee cannot move the archive onto a case it may not open: it answers as for an unknown number.
        var (_, foreign) = await _app.WithScopeAsync(sp => sp.GetRequiredService<CaseRegistry>().CreateAsync(
            new NewCase(CaseKind.Complaint, CaseChannel.Post, "Xây dựng", "Đơn khác", sp.GetRequiredService<WardClock>().Today, [new ReceptionParticipant("Trần Thị B", null, null, null, false)], false, null),
            CaseActor.System, Ct));
        await assignee.GotoAsync($"/Recordings/Archive?id={_archiveId:N}");
        await assignee.GetByTestId("archive-case-number").FillAsync(foreign!.Number);
        await assignee.GetByTestId("archive-attach").ClickAsync();
        await Assertions.Expect(assignee.GetByTestId("archive-message")).ToContainTextAsync("Không có hồ sơ số");
        Assert.Equal(_caseId, await ArchiveCaseAsync());

        var log = await AccessLogAsync();
        Assert.Contains(log, a => a.StaffUserName == "canbo.khac" && a.Kind == ArchiveAccessKind.Refused && a.FileName == "composite.mp4");
        Assert.DoesNotContain(log, a => a.StaffUserName == "canbo.khac" && a.Kind != ArchiveAccessKind.Refused);
    }

    [Fact]
    public async Task Archive_PlayersDownloadLink_DownloadsTheFileAndLogsADownload()
    {
        await using var context = await browsers.NewContextAsync(_base);
        var page = await context.NewPageAsync();
        await page.SignInAsync("canbo.giao", Password);
        await page.GotoAsync($"/Recordings/Archive?id={_archiveId:N}");
        var link = page.GetByTestId("archive-files").Locator("tr", new LocatorLocatorOptions { HasText = "composite.mp4" }).GetByRole(AriaRole.Link);
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Null(await download.FailureAsync());
        var saved = Path.Combine(_app.DataDirectory, "downloaded.mp4");
        await download.SaveAsAsync(saved);
        Assert.Equal(await File.ReadAllBytesAsync(ArchivePath("composite.mp4"), Ct), await File.ReadAllBytesAsync(saved, Ct));

        var log = await AccessLogAsync();
        Assert.Contains(log, a => a.StaffUserName == "canbo.giao" && a.Kind == ArchiveAccessKind.Download && a.FileName == "composite.mp4");
    }

    private string ArchivePath(string name) => Path.Combine(_app.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(_archiveId), name);

    private async Task<Guid> SeedArchiveAsync(Guid caseId, string caseNumber)
    {
        var id = Guid.NewGuid();
        var folder = _app.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(id);
        Directory.CreateDirectory(folder);
        var media = RandomNumberGenerator.GetBytes(64 * 1024);
        var manifest = "{\"archive\":\"seeded\"}"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(folder, "composite.mp4"), media, Ct);
        await File.WriteAllBytesAsync(Path.Combine(folder, ArchiveManifest.FileName), manifest, Ct);
        var now = _app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await _app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<RecordingsDbContext>();
            db.Archives.Add(new Archive
            {
                Id = id,
                SessionId = Guid.NewGuid(),
                CaseId = caseId,
                CaseNumber = caseNumber,
                SessionStartedAt = now.AddHours(-1),
                SessionEndedAt = now.AddMinutes(-30),
                ParticipantCount = 2,
                ManifestSha256 = Convert.ToHexStringLower(SHA256.HashData(manifest)),
                CreatedAt = now,
                Files =
                [
                    new ArchiveFile { ArchiveId = id, FileName = "composite.mp4", Kind = ArchiveFileKind.Composite, Size = media.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(media)), ContentType = "video/mp4" },
                    new ArchiveFile { ArchiveId = id, FileName = ArchiveManifest.FileName, Kind = ArchiveFileKind.Manifest, Size = manifest.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(manifest)), ContentType = "application/json" },
                ],
            });
            return await db.SaveChangesAsync(Ct);
        });
        return id;
    }

    private async Task<HttpClient> SignedInClientAsync(string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _base };
        await client.SignInAsync(userName, Password, Ct);
        return client;
    }

    private Task<List<ArchiveAccess>> AccessLogAsync() =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().AccessLog.AsNoTracking().Where(a => a.ArchiveId == _archiveId).ToListAsync(Ct));

    private Task<Guid?> ArchiveCaseAsync() =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<RecordingsDbContext>().Archives.AsNoTracking().Where(a => a.Id == _archiveId).Select(a => a.CaseId).SingleAsync(Ct));
}
