using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// Owns the app's one connection to Janus and, in the embedded default, the Janus process itself: starts it,
/// watches it (process exit or a closed WebSocket is noticed at once), restarts it, and raises
/// <see cref="MediaServerReset"/> so the sessions can rebuild their rooms and tell their participants to reconnect.
/// Also keeps the Janus sessions we hold alive and routes pushed events to the handle that owns them.
/// </summary>
internal sealed partial class JanusGateway(
    IOptions<JanusOptions> options,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<JanusGateway> logger) : BackgroundService
{
    private readonly JanusOptions _options = options.Value;
    private readonly ConcurrentDictionary<long, Action<JsonObject>> _handleEvents = new();
    private readonly ConcurrentDictionary<long, byte> _liveSessions = new();
    private TaskCompletionSource<JanusConnection> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JanusProcess? _process;
    private long _generation;
    private long _restarts;

    /// <summary>Raised (with the new generation) after the media server was lost and a new connection is up.</summary>
    public event Action<long>? MediaServerReset;

    /// <summary>Increases each time a new connection to a (possibly restarted) Janus is made; rooms belong to one generation.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool IsConnected => _ready.Task.IsCompletedSuccessfully && !_ready.Task.Result.Closed.IsCompleted;

    public bool IsEmbedded => _options.Url is null;

    /// <summary>The embedded Janus's process id (tests kill it to prove the supervisor works), or null.</summary>
    public int? EmbeddedProcessId => _process is { HasExited: false } p ? p.ProcessId : null;

    public string? LastError { get; private set; }

    /// <summary>How many times the media server was lost and a new connection was made since the app started.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    // Once the host is stopping, a lost Janus stays lost: a terminal's Ctrl+C or a stop must not start a new one.
    private bool Stopping(CancellationToken stoppingToken) =>
        stoppingToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested;

    public string? AdminKey { get; private set; }

    public async Task<JanusConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        try
        {
            return await Volatile.Read(ref _ready).Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new JanusException(-1, "media server unavailable: " + (LastError ?? "starting"));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!Stopping(stoppingToken))
        {
            JanusConnection? connection = null;
            try
            {
                JanusEndpoint endpoint;
                if (IsEmbedded)
                {
                    var folder = Path.Combine(DataFolder.Resolve(configuration), "janus");
                    _process = await JanusProcess.StartAsync(folder, _options, stoppingToken);
                    endpoint = _process.Endpoint;
                    LogEmbeddedStarted(_process.ProcessId, endpoint.Url);
                }
                else
                {
                    endpoint = new JanusEndpoint(_options.Url!, _options.ApiSecret, _options.AdminKey);
                }

                AdminKey = endpoint.AdminKey;
                connection = await JanusConnection.ConnectAsync(endpoint, TimeSpan.FromSeconds(_options.RequestTimeoutSeconds), logger, stoppingToken);
                connection.EventReceived += RouteEvent;
                await connection.RequestAsync(new JsonObject { ["janus"] = "info" }, awaitEvent: false, stoppingToken);
                LastError = null;
                failures = 0;
                var generation = Interlocked.Increment(ref _generation);
                _liveSessions.Clear();
                _handleEvents.Clear();
                Volatile.Read(ref _ready).TrySetResult(connection);
                if (generation > 1)
                {
                    Interlocked.Increment(ref _restarts);
                    LogReset(generation);
                    MediaServerReset?.Invoke(generation);
                }

                using var keepalive = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var keepaliveLoop = KeepAliveLoopAsync(connection, keepalive.Token);
                var processExit = _process?.WaitForExitAsync(stoppingToken) ?? Task.Delay(Timeout.Infinite, stoppingToken);
                await Task.WhenAny(connection.Closed, processExit, Task.Delay(Timeout.Infinite, stoppingToken));
                await keepalive.CancelAsync();
                await keepaliveLoop;
                if (Stopping(stoppingToken))
                {
                    LastError = "stopped with the app";
                }
                else
                {
                    LastError = "media server connection lost";
                    LogLost(_process?.HasExited == true);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is JanusException or InvalidOperationException or System.Net.WebSockets.WebSocketException or IOException or UnauthorizedAccessException)
            {
                LastError = ex.Message;
                failures++;
                LogStartFailed(ex.Message);
            }
            finally
            {
                // Whoever waits from now on waits for the next connection.
                if (Volatile.Read(ref _ready).Task.IsCompleted)
                {
                    Volatile.Write(ref _ready, new TaskCompletionSource<JanusConnection>(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                if (_process is not null)
                {
                    await _process.DisposeAsync();
                    _process = null;
                }
            }

            if (Stopping(stoppingToken))
            {
                break;
            }

            try
            {
                // Back off on repeated failures (a broken install must not spin), but restart a crashed Janus quickly.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
                await Task.Delay(TimeSpan.FromMilliseconds(_options.RestartDelayMilliseconds * Math.Min(1 << Math.Min(failures, 6), 60)), wait.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task KeepAliveLoopAsync(JanusConnection connection, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.KeepaliveSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var session in _liveSessions.Keys)
                {
                    try
                    {
                        await connection.RequestAsync(new JsonObject { ["janus"] = "keepalive", ["session_id"] = session }, awaitEvent: false, cancellationToken);
                    }
                    catch (JanusException ex)
                    {
                        LogKeepaliveFailed(session, ex.Message);
                        _liveSessions.TryRemove(session, out _);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping or reconnecting.
        }
    }

    private void RouteEvent(JsonObject message)
    {
        if ((long?)message["sender"] is { } handle && _handleEvents.TryGetValue(handle, out var handler))
        {
            handler(message);
        }
    }

    // ---- Janus core API ----

    public async Task<long> CreateSessionAsync(CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        var id = JanusConnection.ReadId(await connection.RequestAsync(new JsonObject { ["janus"] = "create" }, false, cancellationToken));
        _liveSessions[id] = 0;
        return id;
    }

    public async Task DestroySessionAsync(long session, CancellationToken cancellationToken)
    {
        _liveSessions.TryRemove(session, out _);
        var connection = await GetConnectionAsync(cancellationToken);
        await connection.RequestAsync(new JsonObject { ["janus"] = "destroy", ["session_id"] = session }, false, cancellationToken);
    }

    public async Task<long> AttachVideoRoomAsync(long session, Action<JsonObject>? onEvent, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        var id = JanusConnection.ReadId(await connection.RequestAsync(
            new JsonObject { ["janus"] = "attach", ["session_id"] = session, ["plugin"] = "janus.plugin.videoroom" }, false, cancellationToken));
        if (onEvent is not null)
        {
            _handleEvents[id] = onEvent;
        }

        return id;
    }

    public async Task DetachAsync(long session, long handle, CancellationToken cancellationToken)
    {
        _handleEvents.TryRemove(handle, out _);
        var connection = await GetConnectionAsync(cancellationToken);
        await connection.RequestAsync(new JsonObject { ["janus"] = "detach", ["session_id"] = session, ["handle_id"] = handle }, false, cancellationToken);
    }

    /// <summary>A VideoRoom request on a handle; <paramref name="awaitEvent"/> for the asynchronous ones (join, publish, start, configure).</summary>
    public async Task<JsonObject> MessageAsync(long session, long handle, JsonObject body, string? jsepType, string? sdp, bool awaitEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var connection = await GetConnectionAsync(cancellationToken);
        var message = new JsonObject { ["janus"] = "message", ["session_id"] = session, ["handle_id"] = handle, ["body"] = body };
        if (jsepType is not null && sdp is not null)
        {
            // The browser sends its SDP at once and its candidates as they come (TrickleAsync).
            message["jsep"] = new JsonObject { ["type"] = jsepType, ["sdp"] = sdp, ["trickle"] = true };
        }

        return await connection.RequestAsync(message, awaitEvent, cancellationToken);
    }

    /// <summary>One trickled ICE candidate of the browser's PeerConnection behind a handle, or <c>{"completed": true}</c>.</summary>
    public async Task TrickleAsync(long session, long handle, JsonObject candidate, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        await connection.RequestAsync(new JsonObject { ["janus"] = "trickle", ["session_id"] = session, ["handle_id"] = handle, ["candidate"] = candidate }, false, cancellationToken);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsEmbedded)
        {
            // Fails the start with the package name when Janus is not installed, like the embedded PostgreSQL does.
            JanusProcess.EnsureInstalled(_options);
        }

        await base.StartAsync(cancellationToken);
        try
        {
            // Let the app open its doors with the media server up (it takes ~0.1 s); do not hang the start on it.
            await Volatile.Read(ref _ready).Task.WaitAsync(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds), cancellationToken);
        }
        catch (TimeoutException)
        {
            LogStartFailed(LastError ?? "not connected yet");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded Janus started (pid {ProcessId}) at {Url}")]
    private partial void LogEmbeddedStarted(int processId, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Media server is back (generation {Generation}); live sessions must reconnect")]
    private partial void LogReset(long generation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Media server lost (process exited: {ProcessExited}); restarting")]
    private partial void LogLost(bool processExited);

    [LoggerMessage(Level = LogLevel.Error, Message = "Media server could not start or connect: {Reason}")]
    private partial void LogStartFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keepalive of Janus session {JanusSession} failed: {Reason}")]
    private partial void LogKeepaliveFailed(long janusSession, string reason);
}
