using System.Globalization;
using System.Text;
using QRCoder;

namespace DaoVien.OnlineReception.Web.Identity;

/// <summary>The authenticator's shared key as people read it, as an <c>otpauth://</c> address, and as a QR code.</summary>
internal static class TwoFactorCodes
{
    public const int RecoveryCodeCount = 10;

    /// <summary>An authenticator's code as typed ("123 456", as apps show it): the digits only.</summary>
    public static string NormalizeCode(string code) => string.Concat(code.Where(c => !char.IsWhiteSpace(c) && c != '-'));

    /// <summary>A recovery code as typed (lower case, without its hyphen, with spaces): Identity's form, "ABCDE-FGHIJ".</summary>
    public static string NormalizeRecoveryCode(string code)
    {
        var compact = string.Concat(code.Where(char.IsLetterOrDigit)).ToUpperInvariant();
        return compact.Length == 10 ? compact[..5] + "-" + compact[5..] : compact;
    }

    /// <summary>The base32 key in groups of four, lower case, for typing it into an app by hand.</summary>
    public static string Readable(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The key-uri format authenticator apps read (six digits, 30 seconds, SHA-1: Identity's own TOTP).</summary>
    public static string AuthenticatorUri(string issuer, string userName, string key) => string.Create(CultureInfo.InvariantCulture,
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");

    public static byte[] QrPng(string uri) => PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 6);
}
