using System.Collections.Concurrent;
using System.Security.Claims;
using DaoVien.OnlineReception.Kernel.Staff;
using DaoVien.OnlineReception.Realtime.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Signalling;

/// <summary>
/// Every hub call passes here (docs/adr/0080): a token bucket per connection (<see cref="RealtimeOptions.HubCallBurst"/>,
/// <see cref="RealtimeOptions.HubCallsPerSecond"/>) answers a flood with one refusal and one log line; a staff
/// connection is admitted only while its account is active with the roles its sign-in carries, and is closed
/// (by <see cref="StaffConnectionSweep"/>) within <see cref="RealtimeOptions.StaffAccountCheckSeconds"/> of a change.
/// </summary>
internal sealed partial class HubGuard(StaffConnections staff, IOptionsMonitor<RealtimeOptions> options, TimeProvider time, ILogger<HubGuard> logger) : IHubFilter
{
    private const string BucketKey = "daovien.bucket";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (StaffConnections.StaffIdOf(context.Context.User) is { } staffId)
        {
            // A cookie issued before the account was disabled or its roles changed does not connect.
            var directory = context.ServiceProvider.GetRequiredService<IStaffDirectory>();
            if (!StaffConnections.Matches(await directory.FindAsync(staffId, context.Context.ConnectionAborted), context.Context.User!))
            {
                AccountRefused(logger, staffId, context.Context.ConnectionId);
                context.Context.Abort();
                return;
            }

            staff.Add(context.Context, staffId);
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        staff.Remove(context.Context.ConnectionId);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var connection = invocationContext.Context;
        if (connection.Items.TryGetValue(BucketKey, out var stored) is false || stored is not TokenBucket bucket)
        {
            bucket = new TokenBucket(options.CurrentValue.HubCallBurst, time.GetTimestamp());
            connection.Items[BucketKey] = bucket;
        }

        if (!bucket.TryTake(options.CurrentValue.HubCallBurst, options.CurrentValue.HubCallsPerSecond, time))
        {
            if (bucket.ShouldLogRefusal(time))
            {
                TooManyCalls(logger, connection.ConnectionId, invocationContext.HubMethodName);
            }

            throw new HubException(RealtimeMessages.Get("Hub.TooManyCalls"));
        }

        if (staff.IsClosed(connection.ConnectionId))
        {
            throw new HubException(RealtimeMessages.Get("Hub.AccountChanged"));
        }

        try
        {
            return await next(invocationContext);
        }
        catch (OperationCanceledException) when (connection.ConnectionAborted.IsCancellationRequested)
        {
            // The caller closed the page or lost the network mid-call (a leaving official's last candidates): nobody
            // is left to answer, and it is no failure of ours.
            CallAbandoned(logger, connection.ConnectionId, invocationContext.HubMethodName);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hub connection {ConnectionId} closed during {Method}; the call was abandoned")]
    private static partial void CallAbandoned(ILogger logger, string connectionId, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} over its call rate (refused: {Method}); its further refusals within a minute are not logged")]
    private static partial void TooManyCalls(ILogger logger, string connectionId, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} of staff {StaffId} refused: the account is disabled or its roles changed since sign-in")]
    private static partial void AccountRefused(ILogger logger, Guid staffId, string connectionId);

    /// <summary>A classic token bucket; one per connection (SignalR runs one invocation per connection at a time).</summary>
    private sealed class TokenBucket(int tokens, long timestamp)
    {
        private double _tokens = tokens;
        private long _last = timestamp;
        private long? _lastLogged;

        public bool TryTake(int burst, double perSecond, TimeProvider time)
        {
            lock (this)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
                _last = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }

        /// <summary>True for the first refusal of a connection and then at most once a minute, so a flood costs one log line.</summary>
        public bool ShouldLogRefusal(TimeProvider time)
        {
            lock (this)
            {
                var now = time.GetTimestamp();
                if (_lastLogged is { } last && time.GetElapsedTime(last, now) < TimeSpan.FromMinutes(1))
                {
                    return false;
                }

                _lastLogged = now;
                return true;
            }
        }
    }
}

/// <summary>The open hub connections of staff accounts, for closing them when their account changes.</summary>
internal sealed class StaffConnections
{
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, Guid StaffId)> _open = new();
    private readonly ConcurrentDictionary<string, bool> _closed = new();

    public static Guid? StaffIdOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The account still active and holding exactly the roles the connection's sign-in carries.</summary>
    public static bool Matches(StaffMember? member, ClaimsPrincipal user)
    {
        if (member is not { IsActive: true })
        {
            return false;
        }

        var claimed = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return claimed.SetEquals(member.Roles);
    }

    public void Add(HubCallerContext context, Guid staffId) => _open[context.ConnectionId] = (context, staffId);

    public void Remove(string connectionId)
    {
        _open.TryRemove(connectionId, out _);
        _closed.TryRemove(connectionId, out _);
    }

    public bool IsClosed(string connectionId) => _closed.ContainsKey(connectionId);

    public IReadOnlyList<(HubCallerContext Context, Guid StaffId)> Open => [.. _open.Values];

    /// <summary>Closes the connection: further calls are refused at once, the transport is aborted.</summary>
    public void Close(HubCallerContext context)
    {
        _closed[context.ConnectionId] = true;
        context.Abort();
    }
}

/// <summary>Reads the accounts of open staff connections every <see cref="RealtimeOptions.StaffAccountCheckSeconds"/> and closes changed ones.</summary>
internal sealed partial class StaffConnectionSweep(StaffConnections staff, IServiceScopeFactory scopes, IOptionsMonitor<RealtimeOptions> options, TimeProvider time, ILogger<StaffConnectionSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.StaffAccountCheckSeconds)), time, stoppingToken);
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SweepFailed(logger, ex);
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var open = staff.Open;
        if (open.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<IStaffDirectory>();
        foreach (var group in open.GroupBy(c => c.StaffId))
        {
            var member = await directory.FindAsync(group.Key, cancellationToken);
            foreach (var (context, staffId) in group)
            {
                if (!StaffConnections.Matches(member, context.User!))
                {
                    ConnectionClosed(logger, context.ConnectionId, staffId);
                    staff.Close(context);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub connection {ConnectionId} of staff {StaffId} closed: the account was disabled or its roles changed")]
    private static partial void ConnectionClosed(ILogger logger, string connectionId, Guid staffId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking staff hub connections failed; retried at the next interval")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
