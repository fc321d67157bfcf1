namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>Seeded random instances. LPT's ratio is near 1 for many short jobs; it departs from 1 when there are about
/// two or three jobs per machine of similar length, so the experiment draws n from m + 1 … 3m and lengths from two ranges.</summary>
public static class SchedulingInstances
{
    public static SchedulingInstance Random(Random random, int machines, int jobs, long minDuration, long maxDuration)
    {
        ArgumentNullException.ThrowIfNull(random);
        var durations = new long[jobs];
        for (var j = 0; j < jobs; j++) durations[j] = random.NextInt64(minDuration, maxDuration + 1);
        return new SchedulingInstance(durations, machines);
    }
}
