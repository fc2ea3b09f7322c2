using System.Net.Http.Json;
using DaoVien.OnlineReception.Scheduling.Persistence;
using DaoVien.OnlineReception.Scheduling.ReceptionDays;
using DaoVien.OnlineReception.Scheduling.ReceptionRules;
using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DaoVien.OnlineReception.Scheduling.Tests;

/// <summary>
/// The real app on a fresh database with a fake clock, no default rule and no publishing at start, so each test
/// sets up exactly the calendar it talks about.
/// </summary>
internal sealed partial class SchedulingTestApp : IAsyncDisposable
{
    /// <summary>Friday 27 Nov 2026, 08:00 in Hanoi.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    private SchedulingTestApp(ReceptionAppFactory factory, FakeTimeProvider time)
    {
        Factory = factory;
        Time = time;
    }

    public ReceptionAppFactory Factory { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<SchedulingTestApp> StartAsync(PostgresServer server, IDictionary<string, string?>? settings = null, DateTimeOffset? now = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Scheduling:DefaultRule:Enabled"] = "false",
            ["Scheduling:PublishOnStart"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var time = new FakeTimeProvider(now ?? DefaultNow);
        var factory = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "s-" + Guid.NewGuid().ToString("N")[..8]), all)
            .WithServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(time);
                services?.Invoke(s);
            });
        using var warmup = factory.CreateClient();
        return new SchedulingTestApp(factory, time);
    }

    public Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action) => Factory.WithScopeAsync(action);

    public Task WithDbAsync(Func<SchedulingDbContext, Task> action) =>
        WithScopeAsync<bool>(async sp => { await action(sp.GetRequiredService<SchedulingDbContext>()); return true; });

    public Task<T> WithDbAsync<T>(Func<SchedulingDbContext, Task<T>> action) =>
        WithScopeAsync(sp => action(sp.GetRequiredService<SchedulingDbContext>()));

    /// <summary>A weekly rule, published for the given range; returns the rule's id.</summary>
    public async Task<Guid> AddWeeklyRuleAsync(DayOfWeek day, Guid? officialId = null, int capacity = 12, DateOnly? validFrom = null)
    {
        var rule = new ReceptionRule
        {
            Id = Guid.CreateVersion7(),
            Name = "Tiếp định kỳ",
            Recurrence = RecurrenceKind.Weekly,
            DayOfWeek = day,
            StartTime = new TimeOnly(7, 30),
            EndTime = new TimeOnly(11, 30),
            PresidingOfficialId = officialId,
            PresidingRole = officialId is null ? "Chairman" : null,
            Place = "Phòng tiếp công dân",
            SlotMinutes = 20,
            Capacity = capacity,
            ValidFrom = validFrom ?? new DateOnly(2026, 1, 1),
        };
        await WithDbAsync(async db => { db.ReceptionRules.Add(rule); await db.SaveChangesAsync(); });
        return rule.Id;
    }

    public Task<PublishResult> PublishAsync(DateOnly from, DateOnly to) =>
        WithScopeAsync(sp => sp.GetRequiredService<ReceptionDayPublisher>().PublishAsync(from, to, CancellationToken.None));

    /// <summary>A client signed in as a new staff member with <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role = TestRoles.Staff)
    {
        var user = "u" + Guid.NewGuid().ToString("N")[..8];
        await Factory.CreateStaffAsync(user, "Staff-pass-2026", "Cán bộ " + user, role);
        var client = Factory.CreateClient();
        await client.SignInAsync(user, "Staff-pass-2026", TestContext.Current.CancellationToken);
        using var probe = await client.GetAsync(new Uri("/api/meetings", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, probe.StatusCode);
        return client;
    }

    public static object BookingBody(Guid dayId, string slot = "07:30", string citizenId = "001090012345", string kind = "complaint", object[]? attachments = null, string? email = null, string[]? representatives = null) => new
    {
        receptionDayId = dayId,
        slotStart = slot,
        fullName = "Nguyễn Văn An",
        citizenIdNumber = citizenId,
        phone = "0912345678",
        email,
        address = "Số 1 đường Đào Viên",
        kind,
        subjectArea = "Đất đai",
        summary = "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất.",
        privacyAcknowledged = true,
        representatives,
        attachments,
    };

    public static async Task<HttpResponseMessage> PostBookingAsync(HttpClient client, object body) =>
        await client.PostAsJsonAsync(new Uri("/api/bookings", UriKind.Relative), body, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
