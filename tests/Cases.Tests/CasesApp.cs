using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The real app on a fresh database with a fake clock; one per test class.</summary>
public sealed class CasesApp(PostgresServer server) : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = [];

    /// <summary>For a test that owns its app and needs settings (e.g. an SMTP listener); call <see cref="InitializeAsync"/> itself.</summary>
    internal CasesApp(PostgresServer server, IDictionary<string, string?> settings)
        : this(server) => _settings = new(settings);

    /// <summary>Monday 5 January 2026, 09:00 in the ward (02:00 UTC); tests move the clock forward only.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Everything the app logged, for tests about what a refusal writes to the log.</summary>
    public CapturedLogs Logs { get; } = new();

    public ReceptionAppFactory Factory { get; private set; } = null!;

    public string DataDirectory { get; } = Path.Combine(server.RootDirectory, "cases-" + Guid.NewGuid().ToString("N")[..8]);

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateDatabaseAsync("cases");
        Factory = ReceptionAppFactory.Create(ConnectionString, DataDirectory, _settings)
            .WithServices(s =>
            {
                s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
                Logs.AddTo(s);
            });
        using var client = Factory.CreateClient();
    }

    /// <summary>Today in the ward (UTC+7, no DST).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().AddHours(7).DateTime);

    /// <summary>Sets the clock to 09:00 ward time on <paramref name="date"/> (UTC+7, no DST).</summary>
    public void SetToday(DateOnly date) => Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));

    /// <summary>A staff account and an HTTP client signed in as it (cookies kept).</summary>
    public async Task<(Guid Id, HttpClient Client)> SignedInAsync(string userName, params string[] roles)
    {
        const string password = "Test-pass-2026";
        var id = await Factory.CreateStaffAsync(userName, password, "Cán bộ " + userName, roles);
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.SignInAsync(userName, password, TestContext.Current.CancellationToken);
        return (id, client);
    }

    public AsyncServiceScope Scope() => Factory.Services.CreateAsyncScope();

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
