namespace DaoVien.OnlineReception.Testing;

/// <summary>
/// Waiting for a condition the app reaches on its own (a background job, a pushed event), polling instead of sleeping.
/// A condition not reached in time fails with what was awaited, not with a bare cancellation.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls <paramref name="condition"/> until it is true or <paramref name="within"/> has passed.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan within, string what, CancellationToken cancellationToken) =>
        TrueAsync(() => Task.FromResult(condition()), within, what, cancellationToken);

    /// <summary>Polls <paramref name="condition"/> until it is true or <paramref name="within"/> has passed.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await ValueAsync(async () => await condition() ? true : (bool?)null, within, what, cancellationToken);
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/> (default: not null), and
    /// returns it; on timeout the last value seen is in the message, shown by <paramref name="describe"/> (default: ToString).
    /// </summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan within, string what, CancellationToken cancellationToken, Func<T, bool>? done = null, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        T? last = default;
        try
        {
            while (true)
            {
                last = await probe();
                if (last is { } value && (done is null || done(value)))
                {
                    return value;
                }

                await Task.Delay(Poll, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seen = last is null ? "nothing" : describe?.Invoke(last) ?? last.ToString();
            throw new TimeoutException($"Not reached within {within.TotalSeconds:0} s: {what} (last seen: {seen})");
        }
    }
}
