using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;

namespace DaoVien.OnlineReception.Web.Identity;

/// <summary>Sign-in abuse limits (section <c>SignIn</c>); docs/adr/0074 explains how they combine.</summary>
internal sealed class SignInLimitOptions
{
    public const string Section = "SignIn";

    /// <summary>Rate-limit policy name of the sign-in page's posts.</summary>
    public const string RateLimitPolicy = "sign-in";

    /// <summary>Sign-in posts one client address may make per minute; the rest get 429.</summary>
    [Range(1, 10000)]
    public int PostsPerMinute { get; set; } = 10;

    /// <summary>Failed attempts for one user name from one client address before that pair is locked.</summary>
    [Range(1, 100)]
    public int FailuresBeforeLock { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockTime { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Failed sign-ins counted per (user name, client address), not per account: a stranger guessing the chairman's
/// password locks only their own address out of that account, never the chairman at the office. Kept in memory
/// (one instance; a restart forgets, which only gives a guesser a fresh 5 tries behind the per-address rate limit).
/// Unknown user names are counted like known ones, so the lock reveals nothing about which accounts exist.
/// </summary>
internal sealed class SignInThrottle(TimeProvider time, Microsoft.Extensions.Options.IOptions<SignInLimitOptions> options)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<(string User, string Address), Entry> _entries = new();

    public bool IsLocked(string userName, string address) =>
        _entries.TryGetValue(Key(userName, address), out var e) && e.LockedUntil > time.GetUtcNow();

    public void Failed(string userName, string address)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        if (_entries.Count > MaxEntries)
        {
            // Bounded memory: entries whose window and lock are over carry no information any more.
            foreach (var stale in _entries.Where(p => p.Value.LockedUntil <= now && p.Value.WindowStart + settings.LockTime <= now).Select(p => p.Key).ToList())
            {
                _entries.TryRemove(stale, out _);
            }
        }

        _entries.AddOrUpdate(Key(userName, address), _ => new Entry(1, now, DateTimeOffset.MinValue), (_, e) =>
        {
            var fresh = e.WindowStart + settings.LockTime <= now ? new Entry(0, now, DateTimeOffset.MinValue) : e;
            var failures = fresh.Failures + 1;
            return fresh with { Failures = failures, LockedUntil = failures >= settings.FailuresBeforeLock ? now + settings.LockTime : fresh.LockedUntil };
        });
    }

    public void Succeeded(string userName, string address) => _entries.TryRemove(Key(userName, address), out _);

    private static (string, string) Key(string userName, string address) => (userName.Trim().ToUpperInvariant(), address);

    private sealed record Entry(int Failures, DateTimeOffset WindowStart, DateTimeOffset LockedUntil);
}
