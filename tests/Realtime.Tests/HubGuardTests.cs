using System.Security.Claims;
using DaoVien.OnlineReception.Realtime.Sessions;
using DaoVien.OnlineReception.Realtime.Signalling;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.Tests;

/// <summary>The hub filter alone, around calls that fail in the ways a closing page makes them fail.</summary>
public sealed class HubGuardTests
{
    [Fact]
    public async Task CallCancelledBecauseTheCallerLeft_AbandonedQuietly_NoFailureLogged()
    {
        // Seen in the disturbance bench: an official closed the page while the hub passed their last ICE candidates to
        // Janus, and the log said "fail: Failed to invoke hub method 'TrickleCandidates'" with a stack trace.
        var (guard, logs) = Guard();
        using var left = new CancellationTokenSource();
        await left.CancelAsync();
        var context = Invocation(new Caller(left.Token));

        var result = await guard.InvokeMethodAsync(context, _ => throw new TaskCanceledException());

        Assert.Null(result);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Null(entry.Exception);
    }

    [Fact]
    public async Task CallCancelledWhileTheCallerIsStillThere_NotSwallowed()
    {
        // A timeout inside the call (Janus did not answer) is a real failure: SignalR reports it as it did.
        var (guard, logs) = Guard();
        var context = Invocation(new Caller(CancellationToken.None));

        await Assert.ThrowsAsync<TaskCanceledException>(async () => await guard.InvokeMethodAsync(context, _ => throw new TaskCanceledException()));
        Assert.Empty(logs.Entries);
    }

    private static (HubGuard Guard, CapturedLogs Logs) Guard()
    {
        var logs = new CapturedLogs();
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var options = new OptionsMonitor(new RealtimeOptions());
        return (new HubGuard(new StaffConnections(), options, TimeProvider.System, factory.CreateLogger<HubGuard>()), logs);
    }

    private static HubInvocationContext Invocation(HubCallerContext caller) =>
        new(caller, new ServiceCollection().BuildServiceProvider(), new NoHub(), typeof(NoHub).GetMethod(nameof(NoHub.Call))!, []);

    private sealed class NoHub : Hub
    {
        public static void Call()
        {
        }
    }

    private sealed class Caller(CancellationToken aborted) : HubCallerContext
    {
        public override string ConnectionId => "connection-1";

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => new(new ClaimsIdentity());

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => aborted;

        public override void Abort()
        {
        }
    }

    private sealed class OptionsMonitor(RealtimeOptions value) : IOptionsMonitor<RealtimeOptions>
    {
        public RealtimeOptions CurrentValue => value;

        public RealtimeOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RealtimeOptions, string?> listener) => null;
    }
}
