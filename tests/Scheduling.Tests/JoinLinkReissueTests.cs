using System.Net;
using System.Text.Json;
using DaoVien.OnlineReception.Scheduling.Bookings;
using DaoVien.OnlineReception.Scheduling.Notifications;
using DaoVien.OnlineReception.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Scheduling.Tests;

/// <summary>Issue 13, item 3: a lost join link is replaced after the booking code and the ID number are checked.</summary>
public sealed class JoinLinkReissueTests(PostgresServer server) : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private SchedulingTestApp _app = null!;
    private Guid _dayId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = await SchedulingTestApp.StartAsync(server, services: _logs.AddTo);
        await _app.AddWeeklyRuleAsync(DayOfWeek.Thursday, capacity: 6);
        await _app.PublishAsync(new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 31));
        _dayId = await _app.WithDbAsync(db => db.ReceptionDays.Where(d => d.Date == new DateOnly(2026, 12, 3)).Select(d => d.Id).SingleAsync());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RightCodeAndNumber_TypedWithSpaces_NewLinkWorks_OldOneDoesNot_MailedToo()
    {
        var (code, oldToken) = await BookAsync("07:30", "001090012345", email: "an@example.vn");

        var outcome = await ReissueAsync(code.ToLowerInvariant().Insert(4, " "), "0010 9001 2345");

        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        var receipt = outcome.Value!;
        Assert.NotEqual(oldToken, receipt.JoinToken);
        Assert.Equal("/Reception/Join?t=" + receipt.JoinToken, receipt.JoinPath);
        Assert.Equal(code, (await FindByTokenAsync(receipt.JoinToken))?.Code);
        Assert.Null(await FindByTokenAsync(oldToken));
        var mails = await _app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == NotificationKind.JoinLinkReissued).ToListAsync(Ct));
        var mail = Assert.Single(mails);
        Assert.Equal("an@example.vn", mail.Recipient);
        var body = await _app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<OutboxBodies>().Open(mail.Body)));
        Assert.Contains(receipt.JoinPath, body, StringComparison.Ordinal);
        Assert.Contains("không còn dùng được", body, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string> Refusals => new()
    {
        { "số định danh sai", "001090099999", "Mã đăng ký và số định danh cá nhân không khớp" },
        { "mã không có", null, "Mã đăng ký và số định danh cá nhân không khớp" },
        { "số định danh thiếu chữ số", "00109001234", "12 chữ số" },
        { "số định danh trống", "", "12 chữ số" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task WrongInput_ClearSentence_NothingChanges(string name, string? idNumber, string expected)
    {
        _ = name;
        var (code, token) = await BookAsync("07:50", "001090012345");
        var before = await HashAsync(code);

        var outcome = await ReissueAsync(idNumber is null ? "ZZZZZZZZ" : code, idNumber ?? "001090012345");

        Assert.False(outcome.Succeeded);
        Assert.Contains(expected, outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, await HashAsync(code));
        Assert.Equal(code, (await FindByTokenAsync(token))?.Code);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == NotificationKind.JoinLinkReissued, Ct)));
    }

    [Fact]
    public async Task FiveWrongNumbers_EvenTheRightOneIsRefusedForAnHour_OneWarning()
    {
        var (code, token) = await BookAsync("08:10", "001090012345");
        for (var i = 0; i < JoinLinkReissue.MaxWrongAttempts; i++)
        {
            Assert.False((await ReissueAsync(code, $"00109001230{i}")).Succeeded);
        }

        var blocked = await ReissueAsync(code, "001090012345");
        Assert.Contains("sai nhiều lần", blocked.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(code, (await FindByTokenAsync(token))?.Code);
        var warning = Assert.Single(_logs.Entries, e => e.Category.EndsWith(nameof(JoinLinkReissue), StringComparison.Ordinal) && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain("001090012345", string.Concat(_logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);

        _app.Time.Advance(ReissueAttempts.Window);
        Assert.True((await ReissueAsync(code, "001090012345")).Succeeded);
    }

    [Fact]
    public async Task Denunciation_NoNumberToCheck_AskedToCallTheOffice()
    {
        var (code, token) = await BookAsync("08:30", "001090012345", kind: "denunciation");

        var outcome = await ReissueAsync(code, "001090012345");

        Assert.Contains("giữ bí mật thông tin người tố cáo", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(code, (await FindByTokenAsync(token))?.Code);
    }

    [Fact]
    public async Task CancelledBookingOrPastSlot_NoNewLink()
    {
        var (cancelled, _) = await BookAsync("08:50", "001090012345");
        await _app.WithDbAsync(async db =>
        {
            var booking = await db.Bookings.SingleAsync(b => b.Code == cancelled, Ct);
            booking.Status = BookingStatus.Cancelled;
            await db.SaveChangesAsync(Ct);
        });
        Assert.Contains("không còn hiệu lực", (await ReissueAsync(cancelled, "001090012345")).Error!.Message, StringComparison.Ordinal);

        var (past, _) = await BookAsync("09:10", "001090012345");
        _app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.Zero)); // 10:00 on the day, the 09:10 slot is over
        Assert.Contains("đã qua", (await ReissueAsync(past, "001090012345")).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlreadyReceived_OwnerToldWhy_OthersSeeNoMatch_LinkUnchanged()
    {
        var (code, token) = await BookAsync("07:30", "001090012345");
        var hash = await HashAsync(code);

        var stranger = await ReissueAsync(code, "001090099999", alreadyReceived: true);
        var owner = await ReissueAsync(code, "001090012345", alreadyReceived: true);

        Assert.Contains("không khớp", stranger.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("đã được tiếp", owner.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(hash, await HashAsync(code));
        Assert.Equal(code, (await FindByTokenAsync(token))?.Code);
    }

    [Fact]
    public void Attempts_StaleEntriesArePruned_WhenManyBookingsWereTried()
    {
        var attempts = new ReissueAttempts();
        var start = new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < ReissueAttempts.PruneAbove + 10; i++)
        {
            attempts.Fail(Guid.NewGuid(), start);
        }

        var late = Guid.NewGuid();
        attempts.Fail(late, start + ReissueAttempts.Window + TimeSpan.FromMinutes(1));

        Assert.Equal(1, attempts.Count);
    }

    private async Task<(string Code, string Token)> BookAsync(string slot, string citizenId, string kind = "complaint", string? email = null)
    {
        using var client = _app.Factory.CreateClient();
        using var response = await SchedulingTestApp.PostBookingAsync(client, SchedulingTestApp.BookingBody(_dayId, slot, citizenId, kind, email: email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (json.RootElement.GetProperty("code").GetString()!, json.RootElement.GetProperty("joinToken").GetString()!);
    }

    private Task<Outcome<BookingReceipt>> ReissueAsync(string code, string idNumber, bool alreadyReceived = false) =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<JoinLinkReissue>().ReissueAsync(code, idNumber, alreadyReceived, Ct));

    private Task<BookingSummary?> FindByTokenAsync(string token) =>
        _app.WithScopeAsync(sp => sp.GetRequiredService<IBookingDirectory>().FindByJoinTokenAsync(token, Ct));

    private Task<byte[]> HashAsync(string code) => _app.WithDbAsync(db => db.Bookings.Where(b => b.Code == code).Select(b => b.JoinTokenHash).SingleAsync(Ct));
}
