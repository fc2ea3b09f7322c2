using Microsoft.Extensions.Hosting;

namespace DaoVien.OnlineReception.Scheduling.Sealing;

/// <summary>
/// Resolves the sealer while the host starts, so a missing or bad public key (or a private key configured by
/// mistake) stops the app at start instead of failing the first denunciation booking.
/// </summary>
internal sealed class SealingKeyCheck(IIdentitySealer sealer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = sealer.KeyFingerprint;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
