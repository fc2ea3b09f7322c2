using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DaoVien.OnlineReception.Kernel.Sealing;

/// <summary>
/// A file sealed for the holder of the private key, for content too large for <see cref="SealedBox"/> (a recording
/// of a denouncer): a random AES-256 key, sealed with the public key (<see cref="IIdentitySealer"/>), encrypts the
/// content in AES-256-GCM chunks, so a file of any size streams through in bounded memory.
/// Format: <c>DSF1</c> ‖ key length (uint16 BE) ‖ sealed key (ASCII, <c>ds1.…</c>) ‖ chunks, each: plaintext length
/// (uint32 BE) ‖ last flag (1 byte) ‖ ciphertext ‖ tag (16). Chunk <c>i</c>'s nonce is 4 zero bytes ‖ <c>i</c> (uint64
/// BE) and its associated data is <c>i</c> ‖ last flag: chunks cannot be reordered, swapped between files sealed
/// under one key, or dropped, and a file cut short is detected.
/// </summary>
public static class SealedFile
{
    /// <summary>What a sealed file's name ends with.</summary>
    public const string Extension = ".sealed";

    private const int ChunkSize = 1 << 20;
    private const int TagLength = 16;
    private static readonly byte[] Magic = "DSF1"u8.ToArray();

    /// <summary>Seals <paramref name="input"/> into <paramref name="output"/>; <paramref name="sealer"/> seals the file key.</summary>
    public static async Task SealAsync(Stream input, Stream output, IIdentitySealer sealer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sealer);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var sealedKey = Encoding.ASCII.GetBytes(sealer.Seal(Convert.ToBase64String(key)));
            var header = new byte[Magic.Length + 2];
            Magic.CopyTo(header, 0);
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(Magic.Length), checked((ushort)sealedKey.Length));
            await output.WriteAsync(header, cancellationToken);
            await output.WriteAsync(sealedKey, cancellationToken);

            using var aes = new AesGcm(key, TagLength);
            var current = new byte[ChunkSize];
            var next = new byte[ChunkSize];
            var currentLength = await input.ReadAtLeastAsync(current, ChunkSize, throwOnEndOfStream: false, cancellationToken);
            var cipher = new byte[ChunkSize];
            var tag = new byte[TagLength];
            var chunkHeader = new byte[5];
            for (ulong index = 0; ; index++)
            {
                // Read one chunk ahead: the last chunk is marked, so a truncated file cannot pass for a whole one.
                var nextLength = currentLength < ChunkSize ? 0 : await input.ReadAtLeastAsync(next, ChunkSize, throwOnEndOfStream: false, cancellationToken);
                var last = nextLength == 0;
                aes.Encrypt(Nonce(index), current.AsSpan(0, currentLength), cipher.AsSpan(0, currentLength), tag, Associated(index, last));
                BinaryPrimitives.WriteUInt32BigEndian(chunkHeader, (uint)currentLength);
                chunkHeader[4] = last ? (byte)1 : (byte)0;
                await output.WriteAsync(chunkHeader, cancellationToken);
                await output.WriteAsync(cipher.AsMemory(0, currentLength), cancellationToken);
                await output.WriteAsync(tag, cancellationToken);
                if (last)
                {
                    return;
                }

                (current, next) = (next, current);
                currentLength = nextLength;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens a sealed file with the private key. Only the offline tool calls this.</summary>
    /// <exception cref="CryptographicException">Wrong key, or the file was altered or cut short.</exception>
    public static async Task OpenAsync(Stream input, Stream output, string recipientPrivateKeyPem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var header = new byte[Magic.Length + 2];
        await ReadExactlyAsync(input, header, cancellationToken);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CryptographicException("not a sealed file (expected DSF1)");
        }

        var sealedKey = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(Magic.Length))];
        await ReadExactlyAsync(input, sealedKey, cancellationToken);
        var key = Convert.FromBase64String(SealedBox.Open(Encoding.ASCII.GetString(sealedKey), recipientPrivateKeyPem));
        try
        {
            using var aes = new AesGcm(key, TagLength);
            var chunkHeader = new byte[5];
            var cipher = new byte[ChunkSize];
            var plain = new byte[ChunkSize];
            var tag = new byte[TagLength];
            for (ulong index = 0; ; index++)
            {
                await ReadExactlyAsync(input, chunkHeader, cancellationToken);
                var length = BinaryPrimitives.ReadUInt32BigEndian(chunkHeader);
                if (length > ChunkSize || chunkHeader[4] > 1)
                {
                    throw new CryptographicException("damaged sealed file (bad chunk header)");
                }

                var last = chunkHeader[4] == 1;
                await ReadExactlyAsync(input, cipher.AsMemory(0, (int)length), cancellationToken);
                await ReadExactlyAsync(input, tag, cancellationToken);
                aes.Decrypt(Nonce(index), cipher.AsSpan(0, (int)length), tag, plain.AsSpan(0, (int)length), Associated(index, last));
                await output.WriteAsync(plain.AsMemory(0, (int)length), cancellationToken);
                if (last)
                {
                    if (input.ReadByte() != -1)
                    {
                        throw new CryptographicException("damaged sealed file (data after the last chunk)");
                    }

                    return;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Nonce(ulong index)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), index);
        return nonce;
    }

    private static byte[] Associated(ulong index, bool last)
    {
        var data = new byte[9];
        BinaryPrimitives.WriteUInt64BigEndian(data, index);
        data[8] = last ? (byte)1 : (byte)0;
        return data;
    }

    private static async Task ReadExactlyAsync(Stream input, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await input.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            throw new CryptographicException("damaged sealed file (cut short)");
        }
    }
}
