namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>What was done about a failure; every logged failure says which.</summary>
public enum FailureAction
{
    /// <summary>The attempt failed and the policy will try again after a backoff.</summary>
    Retried,

    /// <summary>Handled where it happened without failing the call (short write completed, corrupted read re-read).</summary>
    Absorbed,

    /// <summary>The server restarted and rebuilt its state from the durable log.</summary>
    Recovered,

    /// <summary>Given to the caller as an error: a permanent fault, or retries exhausted, or no policy.</summary>
    Surfaced,

    /// <summary>Damaged bytes were moved aside (never silently dropped) and the log truncated to its valid prefix.</summary>
    Quarantined,
}
