using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DaoVien.OnlineReception.Scheduling.Notifications;

/// <summary>
/// Outbox bodies are stored encrypted (ASP.NET Core Data Protection, the app's key ring): a pending booking receipt
/// carries the citizen's join link, and a database or backup reader must not be able to use it. Rows written before
/// encryption (no prefix) read as they are (docs/adr/0078).
/// </summary>
internal sealed class OutboxBodies(IDataProtectionProvider provider)
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector _protector = provider.CreateProtector("DaoVien.OnlineReception.Outbox.Body.v1");

    public string Seal(string body) => Prefix + _protector.Protect(body);

    /// <summary>The plain body; throws <see cref="CryptographicException"/> when the key ring that sealed it is gone.</summary>
    public string Open(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;
}
