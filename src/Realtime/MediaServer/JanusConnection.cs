using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>A request Janus refused: a core error (<c>janus: "error"</c>) or a plugin error (<c>error_code</c> in plugindata).</summary>
internal sealed class JanusException(int code, string reason) : Exception($"Janus error {code}: {reason}")
{
    public int Code { get; } = code;
}

/// <summary>
/// One WebSocket connection (subprotocol <c>janus-protocol</c>) to Janus's API. Every request carries a fresh
/// transaction and the API secret; the answer is matched by transaction. Janus's quirks handled here: plugin errors
/// arrive as <c>janus: "success"</c> or <c>"event"</c> with <c>plugindata.data.error_code</c>; asynchronous plugin
/// requests (join, publish, start, configure) first get an <c>ack</c>, then an <c>event</c> with the same transaction.
/// Everything else Janus pushes (hangup, webrtcup, media, room notifications) goes to <see cref="EventReceived"/>.
/// </summary>
internal sealed class JanusConnection : IAsyncDisposable
{
    private const int MaxMessageBytes = 1 << 20;
    private readonly ClientWebSocket _socket;
    private readonly JanusEndpoint _endpoint;
    private readonly TimeSpan _requestTimeout;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;

    private JanusConnection(ClientWebSocket socket, JanusEndpoint endpoint, TimeSpan requestTimeout, ILogger logger)
    {
        _socket = socket;
        _endpoint = endpoint;
        _requestTimeout = requestTimeout;
        _logger = logger;
    }

    /// <summary>Pushed messages that answer no request of ours, in arrival order (called on the receive loop).</summary>
    public event Action<JsonObject>? EventReceived;

    /// <summary>Completes when the connection is gone (Janus died, network broke, or we closed it).</summary>
    public Task Closed => _closed.Task;

    public static async Task<JanusConnection> ConnectAsync(JanusEndpoint endpoint, TimeSpan requestTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("janus-protocol");
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(10);
        try
        {
            await socket.ConnectAsync(endpoint.Url, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new JanusConnection(socket, endpoint, requestTimeout, logger);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>
    /// Sends <paramref name="message"/> and returns Janus's answer: the <c>success</c> for synchronous requests, the
    /// <c>event</c> for asynchronous plugin requests (<paramref name="awaitEvent"/>), the <c>ack</c> for keepalive/trickle.
    /// </summary>
    public async Task<JsonObject> RequestAsync(JsonObject message, bool awaitEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var transaction = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        message["transaction"] = transaction;
        if (_endpoint.ApiSecret is not null)
        {
            message["apisecret"] = _endpoint.ApiSecret;
        }

        var pending = new Pending(awaitEvent);
        _pending[transaction] = pending;
        try
        {
            await SendAsync(message, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            timeout.CancelAfter(_requestTimeout);
            return await pending.Completion.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new JanusException(-1, Closed.IsCompleted ? "connection to Janus lost" : "Janus did not answer in time");
        }
        finally
        {
            _pending.TryRemove(transaction, out _);
        }
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State != WebSocketState.Open)
            {
                throw new JanusException(-1, "connection to Janus lost");
            }

            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (WebSocketException ex)
        {
            throw new JanusException(-1, "connection to Janus lost: " + ex.Message);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _stop.Token);
                    buffer.Advance(result.Count);
                    if (buffer.WrittenCount > MaxMessageBytes)
                    {
                        throw new InvalidDataException("Janus message too large");
                    }
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (JsonNode.Parse(buffer.WrittenSpan) is JsonObject message)
                {
                    Dispatch(message);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidDataException or JsonException)
        {
            if (!_stop.IsCancellationRequested)
            {
                _logger.LogWarning("Connection to Janus lost: {Reason}", ex.Message);
            }
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.Completion.TrySetException(new JanusException(-1, "connection to Janus lost"));
            }

            _closed.TrySetResult();
        }
    }

    private void Dispatch(JsonObject message)
    {
        var kind = (string?)message["janus"];
        var transaction = (string?)message["transaction"];
        if (transaction is not null && _pending.TryGetValue(transaction, out var pending))
        {
            switch (kind)
            {
                case "ack" when pending.AwaitEvent:
                    return; // the result follows as an event with this transaction
                case "error":
                    var error = message["error"];
                    pending.Completion.TrySetException(new JanusException((int?)error?["code"] ?? -1, (string?)error?["reason"] ?? "unknown"));
                    return;
                default:
                    // success, event, server_info, ack of a keepalive/trickle.
                    var data = message["plugindata"]?["data"];
                    if (data?["error_code"] is { } code)
                    {
                        pending.Completion.TrySetException(new JanusException(code.GetValue<int>(), (string?)data["error"] ?? "plugin error"));
                    }
                    else
                    {
                        pending.Completion.TrySetResult(message);
                    }

                    return;
            }
        }

        try
        {
            EventReceived?.Invoke(message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A faulty handler must not stop the receive loop (every session depends on it).
            _logger.LogError(ex, "Janus event handler failed for {Kind}", kind);
        }
    }

    public static long ReadId(JsonObject response) =>
        (long?)response["data"]?["id"] ?? throw new JanusException(-1, "Janus answered without an id");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Closing a broken socket: nothing to save.
        }

        await _receiveLoop.ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private sealed class Pending(bool awaitEvent)
    {
        public bool AwaitEvent { get; } = awaitEvent;

        public TaskCompletionSource<JsonObject> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
