using System.Security.Cryptography;
using DaoVien.OnlineReception.Kernel.Sealing;

namespace DaoVien.OnlineReception.Cases.Tests;

/// <summary>The sealed-file format for recordings of denunciation sessions (docs/adr/0043): round trip, tampering, the offline tool.</summary>
public sealed class SealedFileTests
{
    private const int Chunk = 1 << 20;
    private static readonly (string Private, string Public) Keys = SealedBox.GenerateKeyPair();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData((5 * Chunk / 2) + 7)]
    public async Task SealThenOpen_AnySize_GivesBackTheSameBytesAndNoPlainTextInside(int size)
    {
        var plain = RandomNumberGenerator.GetBytes(size);
        var sealedBytes = await SealAsync(plain);

        Assert.StartsWith("DSF1", System.Text.Encoding.ASCII.GetString(sealedBytes, 0, 4), StringComparison.Ordinal);
        if (size >= 64)
        {
            Assert.Equal(-1, sealedBytes.AsSpan().IndexOf(plain.AsSpan(0, 64)));
        }

        Assert.Equal(plain, await OpenAsync(sealedBytes, Keys.Private));
    }

    [Fact]
    public async Task Open_AlteredByte_CutShort_ChunkDropped_OrWrongKey_Refused()
    {
        var plain = RandomNumberGenerator.GetBytes((2 * Chunk) + 100);
        var sealedBytes = await SealAsync(plain);
        var headerLength = 6 + BitConverter.ToUInt16([sealedBytes[5], sealedBytes[4]]);
        var chunkLength = 5 + Chunk + 16;

        var altered = (byte[])sealedBytes.Clone();
        altered[headerLength + chunkLength + 100] ^= 0x01;
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(altered, Keys.Private));

        // The last chunk gone: what remains authenticates, chunk by chunk, but the file is known to be cut short.
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes[..^(5 + 100 + 16)], Keys.Private));

        // A middle chunk dropped: the next one no longer decrypts under its position.
        var dropped = sealedBytes[..(headerLength + chunkLength)].Concat(sealedBytes[(headerLength + (2 * chunkLength))..]).ToArray();
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(dropped, Keys.Private));

        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes, SealedBox.GenerateKeyPair().PrivateKeyPem));
    }

    [Fact]
    public async Task IdentityVault_OpenFile_WritesTheRecording_WrongKeyLeavesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("vault-file-").FullName;
        var plain = RandomNumberGenerator.GetBytes(Chunk + 12345);
        var sealedPath = Path.Combine(folder, "composite.mp4.sealed");
        await File.WriteAllBytesAsync(sealedPath, await SealAsync(plain), Ct);
        var keyFile = Path.Combine(folder, "private.pem");
        await File.WriteAllTextAsync(keyFile, Keys.Private, Ct);

        var opened = Path.Combine(folder, "composite.mp4");
        Assert.Equal(0, (await IdentityVaultTool.RunAsync(["open-file", "--key", keyFile, sealedPath, opened])).Exit);
        Assert.Equal(plain, await File.ReadAllBytesAsync(opened, Ct));

        var otherKey = Path.Combine(folder, "other.pem");
        await File.WriteAllTextAsync(otherKey, SealedBox.GenerateKeyPair().PrivateKeyPem, Ct);
        var notOpened = Path.Combine(folder, "other.mp4");
        Assert.Equal(1, (await IdentityVaultTool.RunAsync(["open-file", "--key", otherKey, sealedPath, notOpened])).Exit);
        Assert.False(File.Exists(notOpened));
    }

    private static async Task<byte[]> SealAsync(byte[] plain)
    {
        using var input = new MemoryStream(plain);
        using var output = new MemoryStream();
        await SealedFile.SealAsync(input, output, new PublicKeySealer(Keys.Public), Ct);
        return output.ToArray();
    }

    private static async Task<byte[]> OpenAsync(byte[] sealedBytes, string privateKeyPem)
    {
        using var input = new MemoryStream(sealedBytes);
        using var output = new MemoryStream();
        await SealedFile.OpenAsync(input, output, privateKeyPem, Ct);
        return output.ToArray();
    }

    /// <summary>What the server has: the public key only.</summary>
    private sealed class PublicKeySealer(string publicKeyPem) : IIdentitySealer
    {
        public string KeyFingerprint => SealedBox.Fingerprint(publicKeyPem);

        public string Seal(string plaintext) => SealedBox.Seal(plaintext, publicKeyPem);
    }
}
