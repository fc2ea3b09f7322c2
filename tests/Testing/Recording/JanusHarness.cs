using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace DaoVien.OnlineReception.Testing.Recording;

/// <summary>
/// A private Janus (Debian package) for recording tests: generated config with only the videoroom plugin and the
/// HTTP transport on a free loopback port, ICE on the namespace's veth (rtc0), and a minimal HTTP-API client
/// (create session, attach, create a recorded room, publish with an SDP offer → answer). Test-side only: the app's
/// own Janus client belongs to the sessions feature.
/// </summary>
public sealed class JanusHarness : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _pending = new();
    private long _session;
    private Task? _poll;

    private JanusHarness(Process process, HttpClient http, string folder)
    {
        _process = process;
        _http = http;
        Folder = folder;
    }

    public string Folder { get; }

    public static async Task<JanusHarness> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists("/usr/bin/janus"))
        {
            throw new InvalidOperationException("janus is missing: install the Debian package janus");
        }

        if (!NetworkInterface.GetAllNetworkInterfaces().Any(i => i.Name == "rtc0"))
        {
            throw new InvalidOperationException("interface rtc0 is missing: run the recording tests inside the network namespace (./test.sh does)");
        }

        var folder = Directory.CreateTempSubdirectory("janus-rec-").FullName;
        var port = FreeTcpPort();
        var rtpBase = 20000 + (Random.Shared.Next(0, 400) * 100);
        const string lib = "/usr/lib/x86_64-linux-gnu/janus";
        await File.WriteAllTextAsync(Path.Combine(folder, "janus.jcfg"), $$"""
            general: { configs_folder = "{{folder}}", plugins_folder = "{{lib}}/plugins", transports_folder = "{{lib}}/transports",
                       events_folder = "{{lib}}/events", loggers_folder = "{{lib}}/loggers", debug_level = 4, admin_secret = "{{Guid.NewGuid():N}}" }
            plugins: { disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so" }
            transports: { disable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so,libjanus_websockets.so" }
            events: { broadcast = false }
            loggers: { disable = "libjanus_jsonlog.so" }
            media: { rtp_port_range = "{{rtpBase}}-{{rtpBase + 99}}" }
            nat: { ice_enforce_list = "rtc0", nice_debug = false }
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "janus.transport.http.jcfg"), $$"""
            general: { json = "compact", base_path = "/janus", http = true, port = {{port}}, ip = "127.0.0.1", https = false }
            admin: { admin_http = false }
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "janus.plugin.videoroom.jcfg"), "general: { }\n", cancellationToken);

        var info = new ProcessStartInfo("/usr/bin/janus") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-F", folder, "-L", Path.Combine(folder, "janus.log"), "-N" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        // Drain both pipes so Janus never blocks on them.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/janus/") };
        var harness = new JanusHarness(process, http, folder);
        for (var i = 0; ; i++)
        {
            try
            {
                using var ping = await http.GetAsync("info", cancellationToken);
                if (ping.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (i < 100 && !process.HasExited)
            {
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException("janus exited at start: " + await File.ReadAllTextAsync(Path.Combine(folder, "janus.log"), cancellationToken));
            }

            await Task.Delay(100, cancellationToken);
        }

        var created = await harness.PostAsync("", new JsonObject { ["janus"] = "create" }, cancellationToken);
        harness._session = created["data"]!["id"]!.GetValue<long>();
        harness._poll = Task.Run(harness.PollAsync, CancellationToken.None);
        return harness;
    }

    /// <summary>Creates a videoroom that records every publisher into <paramref name="recordingFolder"/>.</summary>
    public async Task<long> CreateRecordedRoomAsync(string recordingFolder, CancellationToken cancellationToken)
    {
        var handle = await AttachAsync(cancellationToken);
        var room = Random.Shared.NextInt64(1, int.MaxValue);
        var reply = await PostAsync(handle.ToString(CultureInfo.InvariantCulture), new JsonObject
        {
            ["janus"] = "message",
            ["body"] = new JsonObject
            {
                ["request"] = "create", ["room"] = room, ["publishers"] = 6, ["record"] = true, ["rec_dir"] = recordingFolder,
                ["videocodec"] = "vp8", ["audiocodec"] = "opus", ["permanent"] = false,
            },
        }, cancellationToken);
        var data = reply["plugindata"]?["data"];
        if (data?["error_code"] is not null)
        {
            throw new InvalidOperationException("room create failed: " + data.ToJsonString());
        }

        return room;
    }

    /// <summary>Joins as a publisher and publishes the offer; returns the handle and Janus's SDP answer.</summary>
    public async Task<(long Handle, string Answer)> PublishAsync(long room, string fileBase, string offerSdp, CancellationToken cancellationToken)
    {
        var handle = await AttachAsync(cancellationToken);
        var path = handle.ToString(CultureInfo.InvariantCulture);
        var joined = await SendAsync(path, new JsonObject { ["request"] = "join", ["ptype"] = "publisher", ["room"] = room }, null, cancellationToken);
        if (joined["plugindata"]?["data"]?["videoroom"]?.GetValue<string>() != "joined")
        {
            throw new InvalidOperationException("join failed: " + joined.ToJsonString());
        }

        var published = await SendAsync(path, new JsonObject { ["request"] = "publish", ["audio"] = true, ["video"] = true, ["record"] = true, ["filename"] = fileBase },
            new JsonObject { ["type"] = "offer", ["sdp"] = offerSdp }, cancellationToken);
        var answer = published["jsep"]?["sdp"]?.GetValue<string>() ?? throw new InvalidOperationException("publish gave no answer: " + published.ToJsonString());
        return (handle, answer);
    }

    /// <summary>Unpublishes (Janus closes the recordings of that publisher).</summary>
    public async Task UnpublishAsync(long handle, CancellationToken cancellationToken) =>
        await SendAsync(handle.ToString(CultureInfo.InvariantCulture), new JsonObject { ["request"] = "unpublish" }, null, cancellationToken);

    private async Task<long> AttachAsync(CancellationToken cancellationToken)
    {
        var attached = await PostAsync("", new JsonObject { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom" }, cancellationToken);
        return attached["data"]!["id"]!.GetValue<long>();
    }

    /// <summary>Sends a plugin message and waits for its event (Janus acks first, the result comes with the same transaction).</summary>
    private async Task<JsonObject> SendAsync(string handlePath, JsonObject body, JsonObject? jsep, CancellationToken cancellationToken)
    {
        var transaction = Guid.NewGuid().ToString("N");
        var waiter = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[transaction] = waiter;
        var message = new JsonObject { ["janus"] = "message", ["body"] = body, ["transaction"] = transaction };
        if (jsep is not null)
        {
            message["jsep"] = jsep;
        }

        using var response = await _http.PostAsJsonAsync($"{_session}/{handlePath}", message, cancellationToken);
        var reply = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        if (reply["janus"]?.GetValue<string>() != "ack")
        {
            _pending.TryRemove(transaction, out _);
            return reply;
        }

        return await waiter.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
    }

    private async Task<JsonObject> PostAsync(string path, JsonObject message, CancellationToken cancellationToken)
    {
        message["transaction"] = Guid.NewGuid().ToString("N");
        var url = path.Length == 0 ? (_session == 0 ? "" : _session.ToString(CultureInfo.InvariantCulture)) : $"{_session}/{path}";
        using var response = await _http.PostAsJsonAsync(url, message, cancellationToken);
        var reply = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        if (reply["janus"]?.GetValue<string>() == "error")
        {
            throw new InvalidOperationException("janus error: " + reply.ToJsonString());
        }

        return reply;
    }

    private async Task PollAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var events = await _http.GetFromJsonAsync<JsonNode>($"{_session}?maxev=10", _stop.Token);
                foreach (var e in events is JsonArray array ? array.OfType<JsonObject>() : events is JsonObject single ? [single] : [])
                {
                    if (e["transaction"]?.GetValue<string>() is { } transaction && _pending.TryRemove(transaction, out var waiter))
                    {
                        waiter.TrySetResult(e);
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        if (_poll is not null)
        {
            try
            {
                await _poll;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _process.Dispose();
        _http.Dispose();
        _stop.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
