using System.Net;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>A staff member signed in and connected to the hub.</summary>
internal sealed record StaffClient(Guid Id, CookieContainer Cookies, HubConnection Hub);

/// <summary>
/// The real app on a socket with its own database and data folder, and every hub connection a test opened (closed
/// with it): the start of the hub tests, so each does not repeat it.
/// </summary>
internal sealed class HubApp : IAsyncDisposable
{
    public const string StaffPassword = "Staff-pass-2026";

    private readonly List<HubConnection> _connections = [];

    private HubApp(ReceptionAppFactory app, Uri baseAddress)
    {
        App = app;
        Base = baseAddress;
    }

    public ReceptionAppFactory App { get; }

    public Uri Base { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<HubApp> StartAsync(PostgresServer server, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var app = ReceptionAppFactory.Create(await server.CreateDatabaseAsync(), Path.Combine(server.RootDirectory, "hub-" + Guid.NewGuid().ToString("N")[..8]), settings);
        if (services is not null)
        {
            app.WithServices(services);
        }

        return new HubApp(app, app.StartOnSocket());
    }

    /// <summary>An anonymous connection (a citizen's browser), or one carrying a staff sign-in.</summary>
    public async Task<HubConnection> ConnectAsync(CookieContainer? cookies = null)
    {
        var connection = await HubClients.ConnectAsync(Base, cookies);
        _connections.Add(connection);
        return connection;
    }

    /// <summary>Creates a staff account with <paramref name="roles"/>, signs it in through the sign-in page and connects it.</summary>
    public async Task<StaffClient> StaffAsync(string userName, string fullName, params string[] roles)
    {
        var id = await App.CreateStaffAsync(userName, StaffPassword, fullName, roles);
        var cookies = await HubClients.SignInAsync(Base, userName, StaffPassword);
        return new StaffClient(id, cookies, await ConnectAsync(cookies));
    }

    /// <summary>An HTTP client carrying <paramref name="cookies"/> that does not follow redirects (pages answer posts with 302).</summary>
    public HttpClient HttpClient(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Base };

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections)
        {
            await c.DisposeAsync();
        }

        await App.DisposeAsync();
    }
}
