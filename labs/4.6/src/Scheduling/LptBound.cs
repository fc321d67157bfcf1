namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>Graham (1969): LPT's makespan is at most (4/3 − 1/(3m)) times the optimum on m identical machines, and
/// the bound is tight.</summary>
public static class LptBound
{
    public static double Ratio(int machines) =>
        machines < 1 ? throw new MachineCountException(machines) : (4.0 * machines - 1) / (3.0 * machines);

    /// <summary>(LPT/OPT) / ((4m − 1)/(3m)) as one division of whole numbers, so that a ratio at the bound is exactly 1.</summary>
    public static double FractionOfBound(long lptMakespan, long optimum, int machines) =>
        (double)(3L * machines * lptMakespan) / ((4L * machines - 1) * optimum);

    /// <summary>LPT/OPT ≤ (4m − 1)/(3m) in whole numbers: 3m·LPT ≤ (4m − 1)·OPT, with no rounding at the bound itself.</summary>
    public static bool Holds(long lptMakespan, long optimum, int machines) =>
        3L * machines * lptMakespan <= (4L * machines - 1) * optimum;

    /// <summary>Graham's tight family: two jobs each of 2m − 1, 2m − 2, …, m + 1, and three of m. OPT = 3m (the three m's
    /// on one machine, the pairs (2m − k, m + k) on the others); LPT pairs the big jobs badly and ends at 4m − 1.</summary>
    public static SchedulingInstance TightInstance(int machines)
    {
        if (machines < 2) throw new MachineCountException(machines);
        var durations = new List<long>();
        for (var d = 2L * machines - 1; d > machines; d--) durations.AddRange([d, d]);
        durations.AddRange([machines, machines, machines]);
        return new SchedulingInstance(durations, machines);
    }
}
