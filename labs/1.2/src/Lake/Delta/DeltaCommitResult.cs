namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>A committed transaction: the version it became and how many create-if-absent attempts it took (1 = no race lost).</summary>
public sealed record DeltaCommitResult(long Version, int Attempts);
