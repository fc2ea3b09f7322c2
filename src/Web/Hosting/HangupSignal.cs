using System.Runtime.InteropServices;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// Closing the terminal the app runs in sends SIGHUP, whose default action kills the process on the spot: the
/// embedded PostgreSQL and Janus (in sessions of their own, so the hangup does not reach them) would be left
/// running. Treat it like Ctrl+C and SIGTERM (which the host already handles): a clean stop.
/// </summary>
internal sealed class HangupSignal(IHostApplicationLifetime lifetime) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                lifetime.StopApplication();
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration?.Dispose();
}
