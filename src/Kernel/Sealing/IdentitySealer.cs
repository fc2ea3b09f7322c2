using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DaoVien.OnlineReception.Kernel.Sealing;

/// <summary>
/// Loads the sealing public key: from <c>Sealing:PublicKeyPem</c>, else <c>Sealing:PublicKeyFile</c>, else the
/// data folder's <c>sealing-public-key.pem</c>. When none exists (the embedded first start), it generates a pair,
/// keeps the public half and writes the private half once to <c>sealing-private-key.OFFLINE.pem</c> (mode 0600)
/// with a warning to move it to the offline machine: see docs/adr/0004-sealed-identities.md.
/// </summary>
internal sealed class IdentitySealer : IIdentitySealer
{
    public const string PublicKeyFileName = "sealing-public-key.pem";
    public const string PrivateKeyFileName = "sealing-private-key.OFFLINE.pem";
    private readonly string _publicKeyPem;

    public IdentitySealer(IOptions<SealingOptions> options, IConfiguration configuration, ILogger<IdentitySealer> logger)
    {
        _publicKeyPem = LoadOrCreate(options.Value, configuration["Reception:DataDirectory"], logger);
        // Fails at start, not at the first denunciation, when the key is unusable or is a private key.
        KeyFingerprint = SealedBox.Fingerprint(_publicKeyPem);
    }

    public string KeyFingerprint { get; }

    public string Seal(string plaintext) => SealedBox.Seal(plaintext, _publicKeyPem);

    private static string LoadOrCreate(SealingOptions options, string? dataDirectory, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicKeyPem))
        {
            return options.PublicKeyPem;
        }

        if (!string.IsNullOrWhiteSpace(options.PublicKeyFile))
        {
            return File.ReadAllText(options.PublicKeyFile);
        }

        var folder = string.IsNullOrWhiteSpace(dataDirectory) ? Path.Combine(Directory.GetCurrentDirectory(), ".data") : dataDirectory;
        var publicFile = Path.Combine(folder, PublicKeyFileName);
        if (File.Exists(publicFile))
        {
            return File.ReadAllText(publicFile);
        }

        Directory.CreateDirectory(folder);
        var (privatePem, publicPem) = SealedBox.GenerateKeyPair();
        var privateFile = Path.Combine(folder, PrivateKeyFileName);
        // Owner-only from the moment the file exists (a chmod after writing leaves a window), and never over a
        // private key already there.
        using (var stream = new FileStream(privateFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(privatePem);
        }

        File.WriteAllText(publicFile, publicPem);
        logger.LogWarning(
            "Generated a sealing key pair. Move {PrivateKeyFile} to the offline machine and delete it here: while it stays, this server could open sealed identities",
            privateFile);
        return publicPem;
    }
}
