using OtpNet;

namespace DaoVien.OnlineReception.Testing;

/// <summary>What a staff member's authenticator app does with the key the set-up page shows (RFC 6238, an independent implementation).</summary>
public static class Authenticator
{
    /// <summary>The current six-digit code for <paramref name="key"/> as the page shows it (groups, lower case).</summary>
    public static string CodeFor(string key, DateTime? atUtc = null) =>
        new Totp(Base32Encoding.ToBytes(Compact(key))).ComputeTotp(atUtc ?? TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A six-digit code that is not valid now (nor in the window either side the server accepts).</summary>
    public static string WrongCodeFor(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(Compact(key)));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var valid = new[] { -2, -1, 0, 1, 2 }.Select(step => totp.ComputeTotp(now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    public static string Compact(string key) => string.Concat(key.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}
