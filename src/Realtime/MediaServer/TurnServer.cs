using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Realtime.MediaServer;

/// <summary>
/// The embedded TURN server: with no external one configured (<c>Media:Ice:TurnUrls</c> empty) and
/// <c>Media:Turn:Enabled</c>, runs coturn on a configuration generated under <c>&lt;data&gt;/turn</c>, restarts it when
/// it dies (backing off on repeated failures) and stops it on exit. The shared secret is generated once per app run, so
/// credentials handed out before a coturn restart stay valid after it.
/// </summary>
internal sealed partial class TurnServer(
    IOptions<TurnOptions> options,
    IOptions<JanusOptions> janusOptions,
    IOptions<IceServerOptions> iceOptions,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<TurnServer> logger) : BackgroundService
{
    private readonly TurnOptions _options = options.Value;
    private TurnProcess? _process;
    private TurnPlan? _plan;
    private string? _secret;

    public bool IsEmbedded => _options.Enabled && iceOptions.Value.TurnUrls.Count == 0;

    /// <summary>The URLs and secret browsers' credentials are made for; null unless the embedded server is in use.</summary>
    public TurnEndpoint? Endpoint => _plan is { AllowedPeers.Count: > 0 } && _secret is not null ? new TurnEndpoint(_plan.Urls, _secret) : null;

    public TurnPlan? Plan => _plan;

    /// <summary>The running coturn's process id (tests kill it to prove the supervisor works), or null.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.ProcessId : null;

    public string? LastError { get; private set; }

    /// <summary>Asks the running coturn for a STUN binding: true when it answers.</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken) =>
        _process is { HasExited: false } p && await TurnProcess.StunAnswersAsync(p.Probe, TimeSpan.FromSeconds(1), cancellationToken);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsEmbedded)
        {
            return;
        }

        // A missing package or a setting that cannot work fails the start with its name, like the embedded Janus does.
        TurnProcess.EnsureInstalled(_options);
        _plan = TurnPlan.Resolve(_options, janusOptions.Value, configuration);
        _secret = TurnConfiguration.NewSecret();
        if (_plan.AllowedPeers.Count == 0)
        {
            // Without an address to relay to, a TURN server could only relay to nothing: do not run one.
            LastError = "no address of the media server to relay to (set Media:Janus:IceEnforceList or Media:Turn:AllowedPeerAddresses)";
            LogStartFailed(LastError);
            return;
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Once the host is stopping nothing is restarted, even before this service's own StopAsync is reached.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var token = stopping.Token;
        var folder = Path.Combine(DataFolder.Resolve(configuration), "turn");
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            try
            {
                _process = await TurnProcess.StartAsync(folder, _options, _plan!, _secret!, token);
                LastError = null;
                LogStarted(_process.ProcessId, string.Join(' ', _plan!.Urls), _plan.AllowedPeers.Count);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await _process.WaitForExitAsync(token);
                // A coturn that ran for a while and then died is restarted quickly; one that dies at once backs off.
                failures = System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30) ? 0 : failures + 1;
                LastError = "coturn exited";
                LogLost();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                LastError = ex.Message;
                failures++;
                LogStartFailed(ex.Message);
            }
            finally
            {
                if (_process is not null)
                {
                    await _process.DisposeAsync();
                    _process = null;
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.RestartDelayMilliseconds * Math.Min(1 << Math.Min(failures, 6), 60)), token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded TURN server started (pid {ProcessId}) at {Urls}, relaying to {PeerCount} media-server addresses only")]
    private partial void LogStarted(int processId, string urls, int peerCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedded TURN server exited; restarting")]
    private partial void LogLost();

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedded TURN server could not start: {Reason}")]
    private partial void LogStartFailed(string reason);
}
