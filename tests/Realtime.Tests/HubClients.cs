using System.Net;
using DaoVien.OnlineReception.Realtime.Lobby;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>SignalR clients as browsers would be: anonymous (citizens) or carrying a staff sign-in cookie.</summary>
internal static partial class HubClients
{
    public static async Task<CookieContainer> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        await http.SignInAsync(userName, password, TestContext.Current.CancellationToken);
        return cookies;
    }

    public static async Task<HubConnection> ConnectAsync(Uri baseAddress, CookieContainer? cookies = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/reception"), o =>
            {
                if (cookies is not null)
                {
                    o.Cookies = cookies;
                }
            })
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>Completes when the server next calls <paramref name="method"/> (without arguments) on this connection.</summary>
    public static Task NextAsync(this HubConnection connection, string method)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On(method, () => signal.TrySetResult());
        return signal.Task;
    }

    /// <summary>Completes when this connection is closed (by the server, here).</summary>
    public static Task ClosedAsync(this HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    /// <summary>Runs the lobby door sweep now (Quartz runs it every minute in the app).</summary>
    public static async Task OpenLobbyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LobbyDoor>().SweepAsync(TestContext.Current.CancellationToken);
    }
}
