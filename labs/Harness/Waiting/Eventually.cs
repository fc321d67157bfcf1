namespace StatelessMind.Harness;

/// <summary>
/// Waits for a condition with a deadline: the one way tests and experiments wait for something another
/// thread or process makes true (a replica catching up, a server accepting connections, a consumer seeing
/// a message). It polls with a short, growing interval; it never sleeps for a fixed time and hopes.
/// On timeout it throws <see cref="TimeoutException"/> naming what it waited for.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    /// <param name="condition">What must become true.</param>
    /// <param name="timeout">How long to wait before giving up.</param>
    /// <param name="what">What is awaited, for the timeout message ("the replica to replay 0/3000060").</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, () => what, transient: null, cancellationToken);

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds.</summary>
    /// <param name="condition">What must become true.</param>
    /// <param name="timeout">How long to wait before giving up.</param>
    /// <param name="what">What is awaited, for the timeout message.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <param name="transient">Exceptions that mean "not yet" (a server still starting) rather than failure;
    /// the last one is attached to the timeout.</param>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default,
        Func<Exception, bool>? transient = null) =>
        UntilAsync(condition, timeout, () => what, transient, cancellationToken);

    /// <summary>Polls until <paramref name="condition"/> holds; the description is computed only on timeout, so it can
    /// report the last state seen ("3 of 5 acknowledged").</summary>
    /// <param name="condition">What must become true.</param>
    /// <param name="timeout">How long to wait before giving up.</param>
    /// <param name="describe">What is awaited and what was last seen, for the timeout message.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken = default) =>
        UntilAsync(condition, timeout, describe, transient: null, cancellationToken);

    /// <summary>Polls until <paramref name="condition"/> holds, treating <paramref name="transient"/> exceptions as "not yet".</summary>
    /// <param name="condition">What must become true.</param>
    /// <param name="timeout">How long to wait before giving up.</param>
    /// <param name="describe">What is awaited and what was last seen, for the timeout message.</param>
    /// <param name="transient">Exceptions that mean "not yet"; the last one is attached to the timeout.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe,
        Func<Exception, bool>? transient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        var delay = FirstDelay;
        Exception? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await condition().ConfigureAwait(false)) return;
            }
            catch (Exception e) when (transient is not null && transient(e) && e is not OperationCanceledException)
            {
                last = e;
            }
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s waiting for {describe()}." +
                                           (last is null ? "" : $" Last error: {last.Message}"), last);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value that satisfies <paramref name="accept"/>, and returns it.</summary>
    /// <typeparam name="T">The probed value's type.</typeparam>
    /// <param name="probe">Reads the current value.</param>
    /// <param name="accept">Whether the value is the one awaited.</param>
    /// <param name="timeout">How long to wait before giving up.</param>
    /// <param name="what">What is awaited, for the timeout message (the last value seen is appended).</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <param name="transient">Exceptions that mean "not yet".</param>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, string what,
        CancellationToken cancellationToken = default, Func<Exception, bool>? transient = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        T seen = default!;
        var any = false;
        await UntilAsync(async () =>
        {
            seen = await probe().ConfigureAwait(false);
            any = true;
            return accept(seen);
        }, timeout, () => any ? $"{what} (last seen: {seen})" : what, transient, cancellationToken).ConfigureAwait(false);
        return seen;
    }
}
