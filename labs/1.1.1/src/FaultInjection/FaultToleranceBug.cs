namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// Deliberate mistakes the fault-tolerance layer can be built with, so that the checks of 1.1.1-1 can be seen to catch
/// them (test hooks, set outside the exercise regions). <see cref="None"/> is the layer as it should be.
/// </summary>
public enum FaultToleranceBug
{
    None,

    /// <summary>The server forgets idempotency keys: a retried deposit (after a lost reply or a crash before the reply)
    /// is applied again. Caught by the duplicate-key audit of the durable log.</summary>
    IgnoreIdempotencyKeys,

    /// <summary>Reads return the stored bytes without checking their CRC-32C: damaged data is served as good.
    /// Caught by the stored-bit-flip drill (flips go undetected).</summary>
    TrustStoredBytes,

    /// <summary>The retry policy retries every failure, permanent ones included: a full disk is tried again and again.
    /// Caught by the disk-full drill (more than one attempt).</summary>
    RetryPermanentFailures,
}
