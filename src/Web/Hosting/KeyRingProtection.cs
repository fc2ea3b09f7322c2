using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace DaoVien.OnlineReception.Web.Hosting;

/// <summary>
/// The Data Protection key ring (staff cookies, antiforgery tokens, outbox bodies) lives in <c>&lt;data&gt;/keys</c>;
/// with <see cref="ReceptionHostOptions.KeyRingCertificatePath"/> each key is stored encrypted to that certificate
/// (docs/adr/0078). Without it the ring is plain XML and the app says so at every start outside Development.
/// </summary>
internal static partial class KeyRingProtection
{
    public static void AddDataProtectionKeyRing(this WebApplicationBuilder builder, string dataDirectory)
    {
        var section = builder.Configuration.GetSection(ReceptionHostOptions.Section);
        var certificatePath = section[nameof(ReceptionHostOptions.KeyRingCertificatePath)];
        var keyPath = section[nameof(ReceptionHostOptions.KeyRingCertificateKeyPath)];
        var keyFolder = Path.Combine(dataDirectory, "keys");
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("DaoVien.OnlineReception")
            .PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
        if (string.IsNullOrWhiteSpace(certificatePath))
        {
            if (!builder.Environment.IsDevelopment())
            {
                builder.Services.AddHostedService(sp => new UnencryptedKeyRingWarning(keyFolder, sp.GetRequiredService<ILogger<UnencryptedKeyRingWarning>>()));
            }

            return;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificatePath, string.IsNullOrWhiteSpace(keyPath) ? null : keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException(
                $"Reception:KeyRingCertificatePath: cannot read the certificate and its private key from {certificatePath}" +
                (string.IsNullOrWhiteSpace(keyPath) ? "" : " and " + keyPath) + ": " + ex.Message, ex);
        }

        if (certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException($"Reception:KeyRingCertificatePath: {certificatePath} needs an RSA key with its private half (Data Protection encrypts keys with RSA).");
        }

        // New keys are encrypted to it; keys are decrypted with it from memory (no X509 store on Linux).
        dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    private sealed partial class UnencryptedKeyRingWarning(string keyFolder, ILogger<UnencryptedKeyRingWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            KeyRingInPlainForm(logger, keyFolder);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "The Data Protection key ring in {KeyFolder} is stored unencrypted: a copy of it forges staff sign-ins. Set Reception:KeyRingCertificatePath to a certificate kept outside the data folder (docs/deploy.md)")]
        private static partial void KeyRingInPlainForm(ILogger logger, string keyFolder);
    }
}
