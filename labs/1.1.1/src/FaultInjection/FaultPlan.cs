namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// How often and how the injector strikes. <see cref="Rate"/> is the fraction of request attempts
/// that carry one fault, of a kind drawn uniformly from those in <see cref="Kinds"/> that apply to
/// the request. Delays are drawn uniformly from their ranges.
/// </summary>
public sealed record FaultPlan
{
    public double Rate { get; init; }
    public IReadOnlyList<FaultKind> Kinds { get; init; } = FaultCatalog.TransientMix;
    public int Seed { get; init; } = 1;
    public TimeSpan SlowIoMin { get; init; } = TimeSpan.FromMilliseconds(5);
    public TimeSpan SlowIoMax { get; init; } = TimeSpan.FromMilliseconds(15);
    public TimeSpan MessageDelayMin { get; init; } = TimeSpan.FromMilliseconds(2);
    public TimeSpan MessageDelayMax { get; init; } = TimeSpan.FromMilliseconds(15);

    /// <summary>How long the server's dependency waits before it reports its timeout.</summary>
    public TimeSpan DependencyDeadline { get; init; } = TimeSpan.FromMilliseconds(3);

    /// <summary>How long a crashed server stays down before it restarts and recovers.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    public static FaultPlan None { get; } = new();

    public void Validate()
    {
        if (Rate is < 0 or > 1 || double.IsNaN(Rate))
            throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "The fault rate is a fraction of attempts, in [0, 1].");
        if (Rate > 0 && Kinds.Count == 0)
            throw new ArgumentException("A positive fault rate needs at least one fault kind in Kinds.", nameof(Kinds));
        if (Kinds.Contains(FaultKind.DiskFull))
            throw new ArgumentException("DiskFull is not drawn at random: give the store a capacity instead.", nameof(Kinds));
        foreach (var kind in Kinds)
            if (FaultCatalog.All.All(d => d.Kind != kind))
                throw new ArgumentException($"{kind} is an observed failure, not one the injector can produce.", nameof(Kinds));
        if (SlowIoMin > SlowIoMax || MessageDelayMin > MessageDelayMax)
            throw new ArgumentException("A delay range has its minimum above its maximum.");
    }
}
