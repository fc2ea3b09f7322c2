using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DaoVien.OnlineReception.Kernel.Sealing;

/// <summary>
/// An anonymous public-key "sealed box" (ECIES): ephemeral ECDH P-256 with the recipient's public key,
/// HKDF-SHA256, AES-256-GCM. Whoever holds only the public key can seal but cannot open — which is what the
/// internet-facing server is allowed to do with a denouncer's identity (Luật Tố cáo Art. 9, 47; see docs/adr).
/// Format: <c>ds1.</c> + base64url( ephemeral public key (SubjectPublicKeyInfo, 91 bytes) ‖ nonce (12) ‖ ciphertext ‖ tag (16) ).
/// </summary>
public static class SealedBox
{
    public const string Prefix = "ds1.";
    private const int PublicKeyLength = 91;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private static readonly byte[] Info = "daovien-sealed-identity-v1"u8.ToArray();

    /// <summary>Seals UTF-8 <paramref name="plaintext"/> for the holder of the private key matching <paramref name="recipientPublicKeyPem"/>.</summary>
    public static string Seal(string plaintext, string recipientPublicKeyPem)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        using var recipient = ImportPublicKey(recipientPublicKeyPem);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var ephemeralPublic = ephemeral.ExportSubjectPublicKeyInfo();
        var key = DeriveKey(ephemeral, recipient.PublicKey, ephemeralPublic, recipient.ExportSubjectPublicKeyInfo());

        var data = Encoding.UTF8.GetBytes(plaintext);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var cipher = new byte[data.Length];
        var tag = new byte[TagLength];
        using (var aes = new AesGcm(key, TagLength))
        {
            aes.Encrypt(nonce, data, cipher, tag, associatedData: ephemeralPublic);
        }

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(data);
        return Prefix + Base64Url.EncodeToString([.. ephemeralPublic, .. nonce, .. cipher, .. tag]);
    }

    /// <summary>Opens a sealed value with the private key. Only the offline key tool calls this.</summary>
    public static string Open(string sealedValue, string recipientPrivateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        if (!sealedValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("not a sealed value (expected prefix " + Prefix + ")");
        }

        var blob = Base64Url.DecodeFromChars(sealedValue.AsSpan(Prefix.Length));
        if (blob.Length < PublicKeyLength + NonceLength + TagLength)
        {
            throw new CryptographicException("sealed value too short");
        }

        var ephemeralPublic = blob[..PublicKeyLength];
        var nonce = blob[PublicKeyLength..(PublicKeyLength + NonceLength)];
        var cipher = blob[(PublicKeyLength + NonceLength)..^TagLength];
        var tag = blob[^TagLength..];

        using var recipient = ECDiffieHellman.Create();
        recipient.ImportFromPem(recipientPrivateKeyPem);
        using var sender = ECDiffieHellman.Create();
        sender.ImportSubjectPublicKeyInfo(ephemeralPublic, out _);
        var key = DeriveKey(recipient, sender.PublicKey, ephemeralPublic, recipient.ExportSubjectPublicKeyInfo());

        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, TagLength))
        {
            aes.Decrypt(nonce, cipher, tag, plain, associatedData: ephemeralPublic);
        }

        CryptographicOperations.ZeroMemory(key);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A new key pair as PEM: the private key goes to the offline machine, the public key to the server.</summary>
    public static (string PrivateKeyPem, string PublicKeyPem) GenerateKeyPair()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Short fingerprint of a public key (SHA-256 of its SubjectPublicKeyInfo), to show which key sealed what.</summary>
    public static string Fingerprint(string publicKeyPem)
    {
        using var key = ImportPublicKey(publicKeyPem);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>Imports a public key, refusing PEM that carries a private key (it must never sit on the server).</summary>
    public static ECDiffieHellman ImportPublicKey(string publicKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyPem);
        if (publicKeyPem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new CryptographicException("a private key was given where only the public key belongs");
        }

        var key = ECDiffieHellman.Create();
        key.ImportFromPem(publicKeyPem);
        return key;
    }

    private static byte[] DeriveKey(ECDiffieHellman own, ECDiffieHellmanPublicKey other, byte[] ephemeralPublic, byte[] recipientPublic)
    {
        var shared = own.DeriveRawSecretAgreement(other);
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, salt: [.. ephemeralPublic, .. recipientPublic], info: Info);
        CryptographicOperations.ZeroMemory(shared);
        return key;
    }
}
