using DaoVien.OnlineReception.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The real app on a fresh database with a fake clock; one per test class.</summary>
public sealed class CasesApp(PostgresServer server) : IAsyncLifetime
{
    /// <summary>Tuesday 3 March 2026, 09:00 in the ward (02:00 UTC).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public ReceptionAppFactory Factory { get; private set; } = null!;

    public string DataDirectory { get; } = Path.Combine(server.RootDirectory, "cases-" + Guid.NewGuid().ToString("N")[..8]);

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateDatabaseAsync("cases");
        Factory = ReceptionAppFactory.Create(ConnectionString, DataDirectory)
            .WithServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        using var client = Factory.CreateClient();
    }

    public AsyncServiceScope Scope() => Factory.Services.CreateAsyncScope();

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
