namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>A transaction lost the race for its version to a commit it cannot be reordered after (optimistic concurrency said no).</summary>
public sealed class DeltaConflictException(string message, long winningVersion) : Exception(message)
{
    /// <summary>The version the other writer committed.</summary>
    public long WinningVersion { get; } = winningVersion;
}
