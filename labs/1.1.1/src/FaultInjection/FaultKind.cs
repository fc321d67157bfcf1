namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The failure types of the chapter, as the fault-injection layer produces them and as the
/// classifier names what it observed. See <see cref="FaultCatalog"/> for each one's class and origin.
/// </summary>
public enum FaultKind
{
    /// <summary>The size-capped store has no room for the write (ENOSPC).</summary>
    DiskFull,

    /// <summary>The process died part-way through a write: a prefix of the record reached the file.</summary>
    TornWrite,

    /// <summary>A write call stored fewer bytes than asked (a short write); the caller must write the rest.</summary>
    PartialWrite,

    /// <summary>One bit of stored or returned data is inverted; caught by the CRC-32C of the record.</summary>
    BitFlip,

    /// <summary>An I/O call that completes, but late.</summary>
    SlowIo,

    /// <summary>An I/O call that never completes until its caller gives up.</summary>
    StalledIo,

    /// <summary>A request or its response is dropped by the network.</summary>
    MessageLost,

    /// <summary>A request or response arrives late.</summary>
    MessageDelayed,

    /// <summary>The server process dies and restarts, losing what it held only in memory.</summary>
    ProcessCrash,

    /// <summary>The application throws: a transient conflict, or a bug.</summary>
    SoftwareException,

    /// <summary>A call (to a dependency or from the client) exceeded its deadline.</summary>
    Timeout,

    /// <summary>A bounded resource (memory budget, queue, connections) is used up.</summary>
    ResourceExhaustion,

    /// <summary>The service does not accept calls right now (restarting, or the client's breaker is open).</summary>
    ServiceUnavailable,

    /// <summary>Not recognised: treated as permanent (never retry what you do not understand).</summary>
    Unknown,
}
