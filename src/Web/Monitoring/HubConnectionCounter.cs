using Microsoft.AspNetCore.SignalR;

namespace DaoVien.OnlineReception.Web.Monitoring;

/// <summary>Counts open SignalR connections (every hub) for the <c>daovien_hub_connections</c> gauge.</summary>
internal sealed class HubConnectionCounter : IHubFilter
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await next(context);
        // Counted only once the hub accepted it: SignalR calls OnDisconnectedAsync only for connections it accepted.
        Interlocked.Increment(ref _open);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context, exception);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
