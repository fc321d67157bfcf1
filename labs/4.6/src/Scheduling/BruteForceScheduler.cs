namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>
/// The exact optimum by depth-first branch and bound: jobs longest first, each tried on every machine; a branch is cut
/// when a machine's load would reach the best makespan found so far, and machines with equal loads are tried only once
/// (they are interchangeable). The search starts from LPT's schedule and stops early at the lower bound max(⌈Σp/m⌉, max p).
/// </summary>
public sealed class BruteForceScheduler(SchedulingBug bug = SchedulingBug.None)
{
    public const int JobLimit = 16;

    public Schedule Optimum(SchedulingInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Jobs > JobLimit) throw new InstanceTooLargeException(instance.Jobs, JobLimit);
        var incumbent = new LptScheduler().Schedule(instance);
        if (incumbent.Makespan == instance.LowerBound) return incumbent;
        var order = Enumerable.Range(0, instance.Jobs).OrderByDescending(j => instance.Durations[j]).ThenBy(j => j).ToArray();
        var margin = bug == SchedulingBug.OverPruning ? 1 : 0;
        var better = Search(instance, order, incumbent.Makespan, margin);
        return better is null ? incumbent : Schedule.FromAssignment(instance, better);
    }

    /// <summary>An assignment whose makespan is below <paramref name="incumbent"/> − <paramref name="pruneMargin"/>, the
    /// smallest such, or null if none exists. <paramref name="pruneMargin"/> is 0 for an exact search.</summary>
    internal static int[]? Search(SchedulingInstance instance, IReadOnlyList<int> order, long incumbent, long pruneMargin)
    {
        #region Exercise 4.6-4b: branch and bound over assignments, with load pruning and machine symmetry (tests: BruteForceSchedulerTests, LptBoundTests)
        var n = instance.Jobs;
        var m = instance.Machines;
        var loads = new long[m];
        var assignment = new int[n];
        int[]? bestAssignment = null;
        var best = incumbent;
        var lowerBound = instance.LowerBound;

        void Visit(int k)
        {
            if (k == n)
            {
                best = loads.Max();
                bestAssignment = (int[])assignment.Clone();
                return;
            }
            var job = order[k];
            var d = instance.Durations[job];
            for (var i = 0; i < m; i++)
            {
                if (loads[i] + d >= best - pruneMargin) continue;
                var repeat = false;
                for (var h = 0; h < i && !repeat; h++) repeat = loads[h] == loads[i];
                if (repeat) continue;
                loads[i] += d;
                assignment[job] = i;
                Visit(k + 1);
                loads[i] -= d;
                if (best == lowerBound) return;
            }
        }

        Visit(0);
        return bestAssignment;
        #endregion
    }
}
