using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Kernel.Sealing;

/// <summary>
/// Resolves the sealer while the host starts, so a missing or bad public key (or a private key configured by
/// mistake) stops the app at start instead of failing the first denunciation booking; and says at every start that
/// the private key still lies in the data folder (docs/adr/0077).
/// </summary>
internal sealed partial class SealingKeyCheck(IIdentitySealer sealer, PrivateKeyOnServer privateKey, ILogger<SealingKeyCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = sealer.KeyFingerprint;
        if (privateKey.Path is { } path && !privateKey.Accepted)
        {
            PrivateKeyStillHere(logger, path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sealing private key lies in the data folder ({PrivateKeyFile}): this server could open sealed identities. /healthz/ready reports unhealthy until it is moved to the offline machine (docs/deploy.md, tools/IdentityVault)")]
    private static partial void PrivateKeyStillHere(ILogger logger, string privateKeyFile);
}

/// <summary>Where the generated sealing private key would lie on this server, and whether that is accepted here.</summary>
internal sealed class PrivateKeyOnServer(IConfiguration configuration, IHostEnvironment environment, IOptions<SealingOptions> options)
{
    private readonly string _file = System.IO.Path.Combine(
        configuration["Reception:DataDirectory"] is { Length: > 0 } data ? data : System.IO.Path.Combine(Directory.GetCurrentDirectory(), ".data"),
        IdentitySealer.PrivateKeyFileName);

    /// <summary>The private key's file while it exists (checked on every call: moving it away needs no restart).</summary>
    public string? Path => File.Exists(_file) ? _file : null;

    /// <summary>A developer's machine, or an install that said so (<see cref="SealingOptions.AcceptPrivateKeyInDataFolder"/>).</summary>
    public bool Accepted => environment.IsDevelopment() || options.Value.AcceptPrivateKeyInDataFolder;
}

/// <summary>
/// <c>/healthz/ready</c> part <c>sealing</c>: unhealthy while the private key lies in the data folder outside
/// Development: a copy of that folder (a backup, a stolen disk) would open every sealed identity.
/// </summary>
internal sealed class SealingHealthCheck(PrivateKeyOnServer privateKey, IIdentitySealer sealer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (privateKey.Path is not { } path)
        {
            return Task.FromResult(HealthCheckResult.Healthy("public key " + sealer.KeyFingerprint + "; no private key on this server"));
        }

        return Task.FromResult(privateKey.Accepted
            ? HealthCheckResult.Healthy($"private key in the data folder ({path}), accepted here")
            : HealthCheckResult.Unhealthy($"the sealing private key lies in the data folder ({path}): move it to the offline machine (docs/deploy.md)"));
    }
}
