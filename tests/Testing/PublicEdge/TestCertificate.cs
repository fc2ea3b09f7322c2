using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DaoVien.OnlineReception.Testing.PublicEdge;

/// <summary>
/// A self-signed certificate for a test host name, written as PEM files (what nginx and Kestrel read), with the
/// base64 SHA-256 of its public key that Chromium is told to trust (<c>--ignore-certificate-errors-spki-list</c>).
/// </summary>
public sealed record TestCertificate(string HostName, string CertificatePath, string KeyPath, string SpkiSha256)
{
    public static TestCertificate Create(string folder, string hostName)
    {
        Directory.CreateDirectory(folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        var certPath = Path.Combine(folder, hostName + ".crt");
        var keyPath = Path.Combine(folder, hostName + ".key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, string.Empty);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        var spki = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        return new TestCertificate(hostName, certPath, keyPath, spki);
    }

    /// <summary>Chromium arguments that resolve <see cref="HostName"/> to <paramref name="address"/> and trust this certificate.</summary>
    public string[] ChromiumArgs(string address) =>
        [$"--host-resolver-rules=MAP {HostName} {address}", $"--ignore-certificate-errors-spki-list={SpkiSha256}"];
}
