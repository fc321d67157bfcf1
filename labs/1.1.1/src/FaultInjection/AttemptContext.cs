namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// Travels with one attempt of one request through the network, the server and the disk: which
/// operation and attempt it is, and the fault (if any) the injector planned for it. Each component
/// asks <see cref="Consume"/> at its hook, so a planned fault fires exactly once, where it belongs.
/// </summary>
public sealed class AttemptContext(string operationId, int attempt, InjectedFault? fault, FaultInjector? injector = null)
{
    private int _consumed;

    public string OperationId { get; } = operationId;
    public int Attempt { get; } = attempt;
    public InjectedFault? Fault { get; } = fault;

    /// <summary>A context with no fault, for calls made outside the fault plan (audits, setup).</summary>
    public static AttemptContext Clean(string operationId) => new(operationId, 1, null);

    /// <summary>True (once) if this attempt carries a fault of <paramref name="kind"/>.</summary>
    public bool Consume(FaultKind kind)
    {
        if (Fault is not { } f || f.Kind != kind || Interlocked.Exchange(ref _consumed, 1) != 0) return false;
        injector?.MarkFired(f);
        return true;
    }

    /// <summary>The planned fault's variant, if it is of <paramref name="kind"/>.</summary>
    public string? VariantOf(FaultKind kind) => Fault is { } f && f.Kind == kind ? f.Variant : null;
}
