using System.Net;
using DaoVien.OnlineReception.Cases.Intake;
using DaoVien.OnlineReception.Cases.Persistence;
using DaoVien.OnlineReception.Realtime.Persistence;
using DaoVien.OnlineReception.Realtime.Recordings.Live;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>
/// A session cut off by a crash of the app (closed as Crashed at the next start, without an outcome) gets its outcome
/// afterwards on /Console/Interrupted, once, and only from its presiding official or an Admin; then it enters the
/// reception book (and opens a case on "case accepted") like a session ended from the console.
/// </summary>
public sealed partial class CrashedSessionOutcomeTests(PostgresServer server)
{
    private const string Password = "Test-pass-2026";
    private static readonly Uri Page = new("/Console/Interrupted", UriKind.Relative);

    [Fact]
    public async Task RecordOutcome_PresidingChairmanCaseAccepted_ReceptionBookEntryCaseOpenedAndNoLongerListed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StartAsync();
        var (chairman, client) = await SignedInAsync(app, "chutich", TestRoles.Chairman);
        var sessionId = await CrashedSessionAsync(app, chairman, "Trần Thị Bình");

        var console = await client.GetStringAsync(new Uri("/Console", UriKind.Relative), ct);
        Assert.Contains("data-testid=\"interrupted-link\"", console, StringComparison.Ordinal);
        var list = await client.GetStringAsync(Page, ct);
        Assert.Contains(sessionId.ToString(), list, StringComparison.Ordinal);
        Assert.Contains("Trần Thị Bình", WebUtility.HtmlDecode(list), StringComparison.Ordinal);

        using var response = await PostOutcomeAsync(client, sessionId, SessionOutcome.CaseAccepted, null, "Công dân nộp đơn khiếu nại");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var session = await scope.ServiceProvider.GetRequiredService<RealtimeDbContext>().Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
            Assert.Equal(SessionState.Crashed, session.State);
            Assert.Equal(SessionOutcome.CaseAccepted, session.Outcome);
            Assert.Equal(chairman, session.OutcomeRecordedBy);
            Assert.NotNull(session.OutcomeRecordedAt);
            var entry = await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Receptions.AsNoTracking().SingleAsync(r => r.SessionId == sessionId, ct);
            Assert.Equal(ReceptionOutcome.CaseAccepted, entry.Outcome);
            Assert.Equal(chairman, entry.RecordedBy);
            Assert.StartsWith("Phiên tiếp bị gián đoạn", entry.Notes, StringComparison.Ordinal);
            Assert.EndsWith("Công dân nộp đơn khiếu nại", entry.Notes, StringComparison.Ordinal);
            var opened = await scope.ServiceProvider.GetRequiredService<ICaseHistoryReader>().ForSessionAsync(sessionId, ct);
            Assert.NotNull(opened);
        }

        var after = await client.GetStringAsync(Page, ct);
        Assert.DoesNotContain(sessionId.ToString(), after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"interrupted-none\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"interrupted-link\"", await client.GetStringAsync(new Uri("/Console", UriKind.Relative), ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordOutcome_AnotherChairman_NotListedRefusedAndNothingChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StartAsync();
        var (chairman, _) = await SignedInAsync(app, "chutich", TestRoles.Chairman);
        var (_, other) = await SignedInAsync(app, "phochutich", TestRoles.ViceChairman);
        var sessionId = await CrashedSessionAsync(app, chairman, "Trần Thị Bình");

        var list = await other.GetStringAsync(Page, ct);
        Assert.DoesNotContain(sessionId.ToString(), list, StringComparison.Ordinal);
        using var response = await PostOutcomeAsync(other, sessionId, SessionOutcome.AnsweredOnTheSpot, null, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("tài khoản này không phải người chủ trì", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(ct)), StringComparison.Ordinal);
        await AssertUnchangedAsync(app, sessionId);
    }

    [Fact]
    public async Task RecordOutcome_RefusedWithoutGround_ErrorShownAndNothingChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StartAsync();
        var (chairman, client) = await SignedInAsync(app, "chutich", TestRoles.Chairman);
        var sessionId = await CrashedSessionAsync(app, chairman, "Trần Thị Bình");

        using var response = await PostOutcomeAsync(client, sessionId, SessionOutcome.Refused, null, "Không nêu căn cứ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(ct));
        Assert.Contains("Từ chối tiếp phải nêu một trong ba căn cứ của Điều 9", html, StringComparison.Ordinal);
        Assert.Contains(sessionId.ToString(), html, StringComparison.Ordinal);
        await AssertUnchangedAsync(app, sessionId);
    }

    [Fact]
    public async Task RecordOutcome_TwoConcurrentSubmissions_ExactlyOneWins()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StartAsync();
        var (chairman, chairmanClient) = await SignedInAsync(app, "chutich", TestRoles.Chairman);
        var (admin, adminClient) = await SignedInAsync(app, "quantri", TestRoles.Admin);
        // Several sessions raced at once, so the two submissions of each really overlap on the database.
        var sessions = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await CrashedSessionAsync(app, chairman, $"Công dân {i}"));
        }

        var adminList = await adminClient.GetStringAsync(Page, ct);
        Assert.All(sessions, id => Assert.Contains(id.ToString(), adminList, StringComparison.Ordinal));

        var races = sessions.SelectMany(id => new[]
        {
            (Session: id, By: chairman, Outcome: SessionOutcome.AnsweredOnTheSpot, Task: PostOutcomeAsync(chairmanClient, id, SessionOutcome.AnsweredOnTheSpot, null, "Chủ tịch ghi")),
            (Session: id, By: admin, Outcome: SessionOutcome.GuidedToCompetentAgency, Task: PostOutcomeAsync(adminClient, id, SessionOutcome.GuidedToCompetentAgency, null, "Ủy ban nhân dân tỉnh")),
        }).ToList();
        var responses = await Task.WhenAll(races.Select(r => r.Task));
        var results = races.Select((r, i) => (r.Session, r.By, r.Outcome, Response: responses[i])).ToList();

        await using var scope = app.Services.CreateAsyncScope();
        var realtime = scope.ServiceProvider.GetRequiredService<RealtimeDbContext>();
        var book = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        foreach (var id in sessions)
        {
            var mine = results.Where(r => r.Session == id).ToList();
            var winner = Assert.Single(mine, r => r.Response.StatusCode == HttpStatusCode.Redirect);
            var loser = mine.Single(r => r.Response.StatusCode != HttpStatusCode.Redirect);
            Assert.Equal(HttpStatusCode.OK, loser.Response.StatusCode);
            Assert.Contains("đã được ghi", WebUtility.HtmlDecode(await loser.Response.Content.ReadAsStringAsync(ct)), StringComparison.Ordinal);
            var stored = await realtime.Sessions.AsNoTracking().SingleAsync(s => s.Id == id, ct);
            Assert.Equal(winner.Outcome, stored.Outcome);
            Assert.Equal(winner.By, stored.OutcomeRecordedBy);
            var entry = await book.Receptions.AsNoTracking().SingleAsync(r => r.SessionId == id, ct);
            Assert.Equal(winner.Outcome == SessionOutcome.AnsweredOnTheSpot ? ReceptionOutcome.AnsweredOnSpot : ReceptionOutcome.Guided, entry.Outcome);
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private async Task<ReceptionAppFactory> StartAsync()
    {
        var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "crash-" + Guid.NewGuid().ToString("N")[..8]));
        // The host (migrations, hosted services) starts with the first client.
        app.CreateClient().Dispose();
        return app;
    }

    private static async Task<(Guid Id, HttpClient Client)> SignedInAsync(ReceptionAppFactory app, string userName, string role)
    {
        var id = await app.CreateStaffAsync(userName, Password, "Cán bộ " + userName, role);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.SignInAsync(userName, Password, TestContext.Current.CancellationToken);
        return (id, client);
    }

    private static async Task<HttpResponseMessage> PostOutcomeAsync(HttpClient client, Guid sessionId, SessionOutcome outcome, RefusalGround? ground, string? note)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.SessionId"] = sessionId.ToString(),
            ["Input.Outcome"] = ((int)outcome).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Ground"] = ground is { } g ? ((int)g).ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
            ["Input.Note"] = note ?? "",
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(new Uri("/Account/Login", UriKind.Relative), TestContext.Current.CancellationToken),
        });
        return await client.PostAsync(Page, form, TestContext.Current.CancellationToken);
    }

    /// <summary>A session left open in the database, then closed as crashed by the start-up recovery, as after a real crash.</summary>
    private static async Task<Guid> CrashedSessionAsync(ReceptionAppFactory app, Guid presiding, string citizen)
    {
        var ct = TestContext.Current.CancellationToken;
        var sessionId = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RealtimeDbContext>();
            var startedAt = TimeProvider.System.GetUtcNow().AddMinutes(-10);
            var session = new ReceptionSession
            {
                Id = sessionId, ReceptionDate = DateOnly.FromDateTime(startedAt.UtcDateTime), PresidingOfficialId = presiding, State = SessionState.Open,
                StartedAt = startedAt, RoomId = Random.Shared.NextInt64(100_000, 900_000_000), RoomSecret = "s",
            };
            session.Participants.Add(new Participant
            {
                Id = Guid.NewGuid(), SessionId = sessionId, Role = ParticipantRole.Presiding, StaffId = presiding, DisplayName = "Chủ tịch",
                State = ParticipantState.InRoom, CreatedAt = startedAt, JoinedAt = startedAt,
            });
            session.Participants.Add(new Participant
            {
                Id = Guid.NewGuid(), SessionId = sessionId, Role = ParticipantRole.Citizen, DisplayName = citizen,
                State = ParticipantState.InRoom, ConnectionId = "dead-" + sessionId.ToString("N"), CreatedAt = startedAt, JoinedAt = startedAt,
            });
            db.Sessions.Add(session);
            await db.SaveChangesAsync(ct);
        }

        // What the next process does at start, run here on the same database.
        await app.Services.GetServices<IHostedService>().OfType<CrashedSessionRecovery>().Single().StartAsync(ct);
        return sessionId;
    }

    private static async Task AssertUnchangedAsync(ReceptionAppFactory app, Guid sessionId)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = app.Services.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<RealtimeDbContext>().Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId, ct);
        Assert.Equal(SessionState.Crashed, session.State);
        Assert.Null(session.Outcome);
        Assert.Null(session.RefusalGround);
        Assert.Null(session.OutcomeNote);
        Assert.Null(session.OutcomeRecordedBy);
        Assert.Null(session.OutcomeRecordedAt);
        Assert.False(await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Receptions.AnyAsync(r => r.SessionId == sessionId, ct));
    }
}
