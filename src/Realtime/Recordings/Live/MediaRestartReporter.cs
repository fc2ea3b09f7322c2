using DaoVien.OnlineReception.Realtime.MediaServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Realtime.Recordings.Live;

/// <summary>A restarted Janus lost every live room's recorders: each open session gets the restart in its manifest gaps.</summary>
internal sealed partial class MediaRestartReporter(JanusGateway gateway, SessionMedia media, IServiceScopeFactory scopes, ILogger<MediaRestartReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        gateway.MediaServerReset += OnReset;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        gateway.MediaServerReset -= OnReset;
        return Task.CompletedTask;
    }

    private void OnReset(long generation)
    {
        var sessions = media.LiveSessions;
        _ = Task.Run(async () =>
        {
            foreach (var sessionId in sessions)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IRecordingControl>().ReportMediaServerRestartedAsync(sessionId, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogReportFailed(ex, sessionId);
                }
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not log the media server restart for session {SessionId}")]
    private partial void LogReportFailed(Exception ex, Guid sessionId);
}
