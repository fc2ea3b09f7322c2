namespace DaoVien.OnlineReception.Kernel.Sealing;

/// <summary>
/// Seals personal data (a denouncer's identity) with the configured public key. The server can seal but never
/// open: there is no Open here, and no private key is ever configured (tools/IdentityVault opens offline).
/// </summary>
public interface IIdentitySealer
{
    /// <summary>Fingerprint of the public key in use, stored beside each sealed value.</summary>
    string KeyFingerprint { get; }

    /// <summary>Seals <paramref name="plaintext"/>; the result starts with <see cref="SealedBox.Prefix"/>.</summary>
    string Seal(string plaintext);
}
