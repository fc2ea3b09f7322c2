using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace DaoVien.OnlineReception.Web.Forms;

/// <summary>A file a citizen attached to a form that came back for corrections.</summary>
/// <param name="FileName">The name the browser gave.</param>
/// <param name="Content">The bytes as uploaded (they are inspected again when the form is accepted).</param>
internal sealed record HeldUpload(string FileName, byte[] Content);

/// <summary>
/// The files of a form sent back for corrections, held in memory only (never written to disk) for half an hour under
/// an unguessable token, so the citizen need not choose them again: a browser cannot refill a file field. Bounded in
/// all: when the store is full the files are not held and the page asks for them again, as it would without it.
/// </summary>
internal sealed class HeldUploads : IDisposable
{
    /// <summary>At most this many bytes held for all forms together.</summary>
    public const long Capacity = 96L * 1024 * 1024;

    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _held = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>Holds <paramref name="files"/>, under <paramref name="token"/> when the form had one; null when nothing is held.</summary>
    /// <param name="files">The files to hold, in the order they were chosen.</param>
    /// <param name="token">The form's previous token, replaced by the new set.</param>
    public string? Hold(IReadOnlyList<HeldUpload> files, string? token = null)
    {
        Release(token);
        if (files.Count == 0)
        {
            return null;
        }

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var size = files.Sum(f => (long)f.Content.Length) + 1;
        _held.Set(key, files.ToArray(), new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = HoldFor });
        return _held.TryGetValue(key, out _) ? key : null;
    }

    /// <summary>The files held under <paramref name="token"/>; none when it is unknown or expired.</summary>
    /// <param name="token">The form's token.</param>
    public IReadOnlyList<HeldUpload> Peek(string? token) =>
        token is not null && _held.TryGetValue(token, out HeldUpload[]? files) && files is not null ? files : [];

    /// <summary>Forgets the files held under <paramref name="token"/> (the form was accepted, or a new set replaces them).</summary>
    /// <param name="token">The form's token.</param>
    public void Release(string? token)
    {
        if (token is not null)
        {
            _held.Remove(token);
        }
    }

    public void Dispose() => _held.Dispose();
}
