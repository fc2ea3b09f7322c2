using System.Text.Json;
using System.Text.RegularExpressions;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Cases.Registry;
using DaoVien.OnlineReception.Kernel.Ward;
using DaoVien.OnlineReception.Realtime.Recordings;
using DaoVien.OnlineReception.Realtime.Recordings.Archiving;
using DaoVien.OnlineReception.Testing;
using DaoVien.OnlineReception.Testing.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace DaoVien.OnlineReception.EndToEnd;

/// <summary>
/// A dialogue (đối thoại) for a group case through the real app, Chromium and Janus (docs/adr/0088): the chairman
/// opens it from the case, invites two of the case's citizens and a Fatherland Front representative by one-time
/// links; all three join from browsers (one on a 390-px phone), are admitted one by one, see and hear each other; the
/// session ends, its recording is archived and attached to the case, and the minutes name everyone with their body.
/// </summary>
public sealed class DialogueSessionTests(PostgresServer server, BrowserFixture browser, JanusServer janus) : IAsyncLifetime
{
    private const string Front = "Lê Thị Mặt Trận";
    private ReceptionAppFactory _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(janus.Settings) { ["Media:Recording:RecordByDefault"] = "true" };
        _app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "dlg-" + Guid.NewGuid().ToString("N")[..8]), settings);
        _base = _app.StartOnSocket();
    }

    [Fact]
    public async Task Dialogue_TwoCitizensAndFatherlandFront_SeeEachOther_RecordedArchivedOnTheCase_MinutesNameEveryone()
    {
        var ct = TestContext.Current.CancellationToken;
        await _app.CreateStaffAsync("chutich.dt", "Chairman-pass-1", "Nguyễn Chủ Tịch", TestRoles.Chairman);
        var caseId = await GroupCaseAsync(ct);

        await using var chairmanContext = await browser.NewContextAsync(_base);
        await Accessibility.EnableAsync(chairmanContext);
        var chairman = await chairmanContext.NewPageAsync();
        await chairman.SignInAsync("chutich.dt", "Chairman-pass-1");
        await chairman.GotoAsync($"/Cases/Details?id={caseId}");
        await chairman.GetByTestId("case-dialogue").ClickAsync();
        Assert.Empty(await Accessibility.SeriousViolationsAsync(chairman));
        await chairman.GetByTestId("dialogue-subject").FillAsync("Đối thoại về phương án bồi thường cho 12 hộ dân");
        await chairman.GetByTestId("citizen-name").Nth(0).FillAsync("Trần Văn Đông");
        await chairman.GetByTestId("citizen-name").Nth(1).FillAsync("Phạm Thị Tây");
        await chairman.GetByTestId("guest-name").Nth(0).FillAsync(Front);
        await chairman.GetByTestId("guest-organisation").Nth(0).FillAsync("Ủy ban MTTQ Việt Nam phường");
        await chairman.GetByTestId("guest-position").Nth(0).FillAsync("Chủ tịch");
        await chairman.GetByTestId("dialogue-submit").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("dialogue-link")).ToHaveCountAsync(3);
        Assert.Empty(await Accessibility.SeriousViolationsAsync(chairman));
        var links = new List<string>();
        foreach (var field in await chairman.GetByTestId("dialogue-link").AllAsync())
        {
            links.Add(new Uri(await field.InputValueAsync()).PathAndQuery);
        }

        // The three invitees open their links: a phone and two desktops, each its own browser context.
        await using var dongContext = await browser.NewContextAsync(_base, phone: true);
        await using var tayContext = await browser.NewContextAsync(_base);
        await using var frontContext = await browser.NewContextAsync(_base);
        var guests = new List<IPage>();
        foreach (var (context, link) in new[] { (dongContext, links[0]), (tayContext, links[1]), (frontContext, links[2]) })
        {
            await Accessibility.EnableAsync(context);
            var page = await context.NewPageAsync();
            await page.GotoAsync(link);
            await Assertions.Expect(page.GetByTestId("dialogue-intro")).ToBeVisibleAsync();
            await page.GetByTestId("device-ok").ClickAsync();
            await Assertions.Expect(page.GetByTestId("dialogue-waiting")).ToBeVisibleAsync();
            Assert.Empty(await Accessibility.SeriousViolationsAsync(page));
            guests.Add(page);
        }

        // The chairman enters from the console and admits each one, as in a hearing room.
        await chairman.GetByTestId("dialogue-enter").ClickAsync();
        await chairman.GetByTestId("recording-acknowledge").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("dialogue-panel")).ToBeVisibleAsync();
        await Assertions.Expect(chairman.GetByTestId("admit-guest")).ToHaveCountAsync(3);
        await Assertions.Expect(chairman.GetByTestId("dialogue-invitation").And(chairman.Locator("[data-state=Waiting]"))).ToHaveCountAsync(3);
        Assert.Empty(await Accessibility.SeriousViolationsAsync(chairman));
        for (var i = 0; i < 3; i++)
        {
            await chairman.GetByTestId("admit-guest").First.ClickAsync();
            await Assertions.Expect(chairman.GetByTestId("admit-guest")).ToHaveCountAsync(2 - i);
        }

        foreach (var page in guests)
        {
            await page.GetByTestId("recording-acknowledge").ClickAsync();
            await Assertions.Expect(page.GetByTestId("session")).ToBeVisibleAsync();
        }

        var sessionId = Guid.Parse((await chairman.GetByTestId("session").GetAttributeAsync("data-session-id"))!);
        foreach (var page in guests.Append(chairman))
        {
            await SessionMediaProbe.ExpectDecodingFromAsync(page, 3);
        }

        // The outside participant is shown with the body they represent, in the list and on their tile.
        await Assertions.Expect(guests[0].GetByTestId("participants")).ToContainTextAsync(Front + " — Chủ tịch, Ủy ban MTTQ Việt Nam phường");
        await Assertions.Expect(guests[0].Locator("[data-tile][data-role=Guest] figcaption")).ToContainTextAsync("Ủy ban MTTQ Việt Nam phường");
        Assert.True(await guests[0].EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth"), "the phone's session view scrolls sideways");
        await guests[2].GetByTestId("chat-input").FillAsync("Mặt trận đề nghị các hộ trình bày ý kiến");
        await guests[2].GetByTestId("chat-send").ClickAsync();
        await Assertions.Expect(chairman.GetByTestId("chat-log")).ToContainTextAsync("Mặt trận đề nghị");
        await Task.Delay(TimeSpan.FromSeconds(8), ct); // the dialogue itself: a span of recorded talk

        await Assertions.Expect(chairman.Locator("[data-testid=end-outcome] option[value='1']")).ToHaveAttributeAsync("disabled", "");
        await chairman.GetByTestId("end-outcome").SelectOptionAsync("0");
        await chairman.GetByTestId("end-note").FillAsync("Các bên thống nhất đo đạc lại trước ngày 30");
        await chairman.GetByTestId("end-submit").ClickAsync();
        foreach (var page in guests)
        {
            await Assertions.Expect(page.GetByTestId("session-finished")).ToBeVisibleAsync();
        }

        // Archived with all four participants' tracks, and attached to the dialogue's own case.
        var job = await _app.JobFinishedAsync(sessionId, ct);
        Assert.True(job.State == ArchiveJobState.Succeeded, job.LastError);
        var folder = _app.Services.GetRequiredService<RecordingPaths>().ArchiveFolder(job.ArchiveId!.Value);
        var manifest = JsonSerializer.Deserialize<ArchiveManifest>(await File.ReadAllTextAsync(Path.Combine(folder, ArchiveManifest.FileName), ct), ArchiveManifest.Json)!;
        Assert.Equal(4, manifest.Participants.Count(p => p.ParticipantId is not null && p.Tracks.Count == 2));
        Assert.Contains(manifest.Participants, p => p.Label == "Khách mời 1");
        Assert.Equal(caseId, (await _app.CaseLinkAsync(sessionId, ct)).CaseId);
        var file = await Eventually.ValueAsync(
            () => _app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Cases.AsNoTracking().Include(c => c.Links).SingleOrDefaultAsync(c => c.Id == caseId && c.Links.Any(l => l.Kind == CaseLinkKind.Recording), ct)),
            TimeSpan.FromSeconds(30), "the archive on the case", ct);
        Assert.Equal(manifest.CaseNumber, file!.Number);
        Assert.Equal(1, await _app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Cases.CountAsync(ct)));

        // The minutes: a dialogue's, on the case, with every participant and their body, and the archive's hash.
        var minutes = await Eventually.ValueAsync(
            () => _app.WithScopeAsync(sp => sp.GetRequiredService<CasesDbContext>().Minutes.AsNoTracking().SingleOrDefaultAsync(m => m.SessionId == sessionId && m.ArchiveManifestSha256 != null, ct)),
            TimeSpan.FromSeconds(30), "minutes with the archive's hash", ct);
        Assert.Equal(caseId, minutes!.CaseId);
        using var pdf = PdfDocument.Open(minutes.Content);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("BIÊN BẢN ĐỐI THOẠI", text, StringComparison.Ordinal);
        Assert.Contains("Người chủ trì: Nguyễn Chủ Tịch", text, StringComparison.Ordinal);
        Assert.Contains("Công dân: Trần Văn Đông", text, StringComparison.Ordinal);
        Assert.Contains("Công dân: Phạm Thị Tây", text, StringComparison.Ordinal);
        Assert.Contains("Chủ tịch, Ủy ban MTTQ Việt Nam phường: " + Front, text, StringComparison.Ordinal);
        Assert.Matches(new Regex("[0-9a-f]{64}"), text);
    }

    private async Task<Guid> GroupCaseAsync(CancellationToken ct) =>
        await _app.WithScopeAsync(async sp =>
        {
            var (created, file) = await sp.GetRequiredService<CaseRegistry>().CreateAsync(
                new NewCase(CaseKind.Complaint, CaseChannel.Post, "Đất đai", "Khiếu nại của 12 hộ dân về bồi thường giải phóng mặt bằng", sp.GetRequiredService<WardClock>().Today,
                    [new ReceptionParticipant("Trần Văn Đông", null, null, null, true), new ReceptionParticipant("Phạm Thị Tây", null, null, null, true)], true, null, PeopleCount: 12),
                CaseActor.System, ct);
            Assert.True(created.Succeeded, created.Error);
            return file!.Id;
        });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
