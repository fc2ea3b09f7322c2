using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DaoVien.OnlineReception.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaoVien.OnlineReception.Web.Tests;

/// <summary>The Data Protection key ring at rest: encrypted to a certificate kept outside the data folder.</summary>
public sealed class KeyRingTests(PostgresServer server)
{
    [Fact]
    public async Task KeyRing_WithCertificate_StoredEncrypted_ReadableWithIt_UselessWithoutIt()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var dataDirectory = Path.Combine(server.RootDirectory, "keyring-" + Guid.NewGuid().ToString("N")[..8]);
        var (certificateFile, keyFile) = WriteCertificate(Path.Combine(server.RootDirectory, "keyring-cert-" + Guid.NewGuid().ToString("N")[..8]));
        var withCertificate = new Dictionary<string, string?>
        {
            ["Reception:KeyRingCertificatePath"] = certificateFile,
            ["Reception:KeyRingCertificateKeyPath"] = keyFile,
        };

        string protectedText;
        using (var logs = new CapturedLogs())
        {
            await using (var first = ReceptionAppFactory.Create(connectionString, dataDirectory, withCertificate).WithServices(logs.AddTo))
            {
                protectedText = Protector(first).Protect("phiên đăng nhập của cán bộ");
            }

            Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("stored unencrypted", StringComparison.Ordinal));
        }

        var keyXml = string.Concat(Directory.GetFiles(Path.Combine(dataDirectory, "keys"), "key-*.xml").Select(File.ReadAllText));
        Assert.Contains("EncryptedData", keyXml, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", keyXml, StringComparison.Ordinal);

        await using (var restarted = ReceptionAppFactory.Create(connectionString, dataDirectory, withCertificate))
        {
            Assert.Equal("phiên đăng nhập của cán bộ", Protector(restarted).Unprotect(protectedText));
        }

        // A copy of the data folder without the certificate opens nothing; an app started so says at once why.
        using var copyLogs = new CapturedLogs();
        await using var copy = ReceptionAppFactory.Create(connectionString, dataDirectory).WithServices(copyLogs.AddTo);
        Assert.ThrowsAny<CryptographicException>(() => Protector(copy).Unprotect(protectedText));
        var warning = Assert.Single(copyLogs.Entries, e => e.Message.Contains("stored unencrypted", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(Path.Combine(dataDirectory, "keys"), warning.Message, StringComparison.Ordinal);
        Assert.Contains("Reception:KeyRingCertificatePath", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRing_CertificateUnreadable_StopsAtStartNamingTheSetting()
    {
        var dataDirectory = Path.Combine(server.RootDirectory, "keyring-" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = AppProcess.Start(dataDirectory, environment: new Dictionary<string, string>
        {
            ["ConnectionStrings__Reception"] = await server.CreateDatabaseAsync(),
            ["Reception__KeyRingCertificatePath"] = Path.Combine(dataDirectory, "missing.pem"),
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WaitHealthyAsync(TimeSpan.FromSeconds(120)));
        Assert.Contains("Reception:KeyRingCertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing.pem", error.Message, StringComparison.Ordinal);
    }

    private static IDataProtector Protector(ReceptionAppFactory app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KeyRingTests");

    private static (string Certificate, string Key) WriteCertificate(string folder)
    {
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=DaoVien key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        var certificateFile = Path.Combine(folder, "keyring.crt.pem");
        var keyFile = Path.Combine(folder, "keyring.key.pem");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }
}
