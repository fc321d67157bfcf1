namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>The simulator and cachegrind on the same pattern with the same D1 and LL configuration.</summary>
public sealed record CachegrindComparison(CachegrindConfiguration Configuration, CachegrindPattern Pattern, CachegrindCounts Cachegrind,
    long SimulatorAccesses, long SimulatorD1Misses, long SimulatorLLMisses)
{
    /// <summary>The tolerance this lab states: within 1% of cachegrind's count, or 64 misses, whichever is larger
    /// (cachegrind also counts the few other loads of the walk function, e.g. the return address).</summary>
    public static bool WithinTolerance(long reference, long simulated) => Math.Abs(simulated - reference) <= Math.Max(64, 0.01 * reference);

    public double D1Difference => Relative(Cachegrind.D1Misses, SimulatorD1Misses);
    public double LLDifference => Relative(Cachegrind.LLMisses, SimulatorLLMisses);
    public bool Agrees => WithinTolerance(Cachegrind.D1Misses, SimulatorD1Misses) && WithinTolerance(Cachegrind.LLMisses, SimulatorLLMisses);

    private static double Relative(long reference, long simulated) =>
        reference == 0 ? (simulated == 0 ? 0 : double.PositiveInfinity) : (double)(simulated - reference) / reference;
}
