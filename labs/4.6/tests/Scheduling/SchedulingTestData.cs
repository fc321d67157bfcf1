using StatelessMind.Labs.StochasticStatistics.Scheduling;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Scheduling;

internal static class SchedulingTestData
{
    /// <summary>{3, 3, 2, 2, 2} on two machines: LPT puts the threes apart and ends at 7; 3 + 3 | 2 + 2 + 2 makes 6.</summary>
    public static SchedulingInstance LptLoses => new([3, 3, 2, 2, 2], 2);

    /// <summary>The optimum by trying all mⁿ assignments, with nothing pruned: the reference the searches are held to.</summary>
    public static long Exhaustive(SchedulingInstance instance)
    {
        var best = long.MaxValue;
        var total = (long)Math.Pow(instance.Machines, instance.Jobs);
        var loads = new long[instance.Machines];
        for (long code = 0; code < total; code++)
        {
            Array.Clear(loads);
            var c = code;
            for (var j = 0; j < instance.Jobs; j++)
            {
                loads[c % instance.Machines] += instance.Durations[j];
                c /= instance.Machines;
            }
            best = Math.Min(best, loads.Max());
        }
        return best;
    }

    public static IEnumerable<SchedulingInstance> Small(int count, int seed)
    {
        var random = new Random(seed);
        for (var k = 0; k < count; k++)
        {
            var m = 2 + k % 3;
            yield return SchedulingInstances.Random(random, m, random.Next(m + 1, 9), k % 2 == 0 ? m : 1, k % 2 == 0 ? 2L * m - 1 : 20);
        }
    }
}
