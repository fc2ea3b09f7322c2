using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;

namespace DaoVien.OnlineReception.Scheduling.Tests;

/// <summary>Whether sessions are recorded decides whether evidence exists: only the Chairman switches it, logged.</summary>
public sealed class RecordingSwitchTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly Uri RulesPage = new("/Office/Rules", UriKind.Relative);
    private SchedulingTestApp _app = null!;
    private Guid _ruleId;

    public async ValueTask InitializeAsync()
    {
        _app = await SchedulingTestApp.StartAsync(server);
        _ruleId = await _app.AddWeeklyRuleAsync(DayOfWeek.Thursday);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(TestRoles.Staff)]
    [InlineData(TestRoles.ViceChairman)]
    [InlineData(TestRoles.Admin)]
    public async Task SwitchOff_NotTheChairman_RefusedAndNothingChanges(string role)
    {
        using var client = await _app.SignedInClientAsync(role);
        using var response = await PostSwitchAsync(client, record: false);

        Assert.False(response.IsSuccessStatusCode && response.RequestMessage?.RequestUri?.AbsolutePath == RulesPage.OriginalString, $"{role} switched recording off");
        Assert.True(await _app.WithDbAsync(db => db.ReceptionRules.Where(r => r.Id == _ruleId).Select(r => r.RecordSessions).SingleAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.RecordingSwitchLog.CountAsync()));
    }

    [Fact]
    public async Task SwitchOffAndOn_Chairman_EachChangeLoggedWithWhoAndWhen_RepeatLogsNothing()
    {
        using var client = await _app.SignedInClientAsync(TestRoles.Chairman);

        (await PostSwitchAsync(client, record: false)).Dispose();
        (await PostSwitchAsync(client, record: false)).Dispose();
        (await PostSwitchAsync(client, record: true)).Dispose();

        Assert.True(await _app.WithDbAsync(db => db.ReceptionRules.Where(r => r.Id == _ruleId).Select(r => r.RecordSessions).SingleAsync()));
        var log = await _app.WithDbAsync(db => db.RecordingSwitchLog.OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([(true, false), (false, true)], log.Select(c => (c.OldValue!.Value, c.NewValue)));
        Assert.All(log, c =>
        {
            Assert.Equal(_ruleId, c.RuleId);
            Assert.Equal("Tiếp định kỳ", c.RuleName);
            Assert.Matches("^u[0-9a-f]{8}$", c.ChangedByName);
            Assert.NotNull(c.ChangedBy);
            Assert.Equal(_app.Time.GetUtcNow(), c.ChangedAt);
        });

        // The log is on the rules page for every office role to read.
        var page = await client.GetStringAsync(RulesPage, TestContext.Current.CancellationToken);
        Assert.Contains(log[0].ChangedByName, page, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostSwitchAsync(HttpClient client, bool record)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = _ruleId.ToString(),
            ["record"] = record ? "true" : "false",
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(RulesPage, TestContext.Current.CancellationToken),
        });
        return await client.PostAsync(new Uri("/Office/Rules?handler=Recording", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }
}
