using System.Security.Cryptography;
using System.Text;

namespace DaoVien.OnlineReception.Scheduling.Bookings;

/// <summary>Private join tokens (256 random bits, base64url) and short booking codes; only the token's SHA-256 is stored.</summary>
internal static partial class JoinTokens
{
    // No 0/O, 1/I/L: codes are read aloud and typed on phones.
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, 8);

    // Codes are read aloud and typed from paper: "abcd efgh", "ABCD-EFGH" and "ABCDEFGH" are the same code.
    public static string NormalizeCode(string? code) => new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();

    /// <summary>
    /// <paramref name="text"/> with every join token (43 base64url characters standing alone) replaced by a note: what
    /// an e-mail keeps once it is sent, so that a reader of the database or a backup cannot enter the lobby as the
    /// citizen (only the token's hash is on the booking).
    /// </summary>
    public static string Redact(string text) => TokenPattern().Replace(text, Messages.Get("Mail.TokenRedacted"));

    [System.Text.RegularExpressions.GeneratedRegex("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial System.Text.RegularExpressions.Regex TokenPattern();

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
