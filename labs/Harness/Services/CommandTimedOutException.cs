namespace StatelessMind.Harness.Services;

/// <summary>An external command did not finish within its timeout and was killed (with its children).</summary>
public sealed class CommandTimedOutException(string command, TimeSpan timeout)
    : TimeoutException($"'{command}' did not finish within {Describe(timeout)} and was killed.")
{
    public string Command { get; } = command;
    public TimeSpan Timeout { get; } = timeout;

    private static string Describe(TimeSpan t) =>
        t.TotalMinutes >= 1 && t.Seconds == 0 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.###} s";
}
