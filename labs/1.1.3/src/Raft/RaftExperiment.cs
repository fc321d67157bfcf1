using System.Diagnostics;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Measurement;
using StatelessMind.Labs.Consensus.Raft.KeyValue;
using F = StatelessMind.Labs.Consensus.Raft.RaftFigureNames;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// 1.1.3-3: many seeds of <see cref="RandomFaultRun"/> (a replicated key-value store under partitions,
/// crashes and a lossy, duplicating, reordering network), with the safety checkers on every event and a
/// linearizability check of every client history. Then the same runs with a planted bug, to show that the
/// checkers catch it and that the failing seed replays exactly.
/// </summary>
public sealed class RaftExperiment : IExperiment
{
    public string GoalId => "1.1.3-3";
    public string Title => "Raft simulator: random faults, safety checkers and linearizability";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var finding = new FindingBuilder(GoalId, Title);
        var seeds = context.Size(60, 1000);
        var firstSeed = (ulong)context.Seed;
        var commitLatency = new LatencyRecorder();
        var results = new List<RandomFaultRunResult>(seeds);
        var wall = Stopwatch.StartNew();
        for (var k = 0; k < seeds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(RandomFaultRun.Run(firstSeed + (ulong)k, commitLatency: commitLatency));
            if (k % 50 == 0) context.Report(0.8 * k / seeds, $"seed {k + 1} of {seeds}");
        }
        wall.Stop();

        var events = results.Sum(r => r.Events);
        // Simulation speed counts the simulator with its safety checkers, not the linearizability search.
        var simulating = TimeSpan.FromTicks(results.Sum(r => r.SimulationTime.Ticks));
        var violations = results.Sum(r => r.Violations.Count);
        var notLinearizable = results.Count(r => r.Linearizability == LinearizabilityResult.NotLinearizable);
        var unknown = results.Count(r => r.Linearizability == LinearizabilityResult.Unknown);
        var stuck = results.Sum(r => r.OperationsStuck);
        var latency = commitLatency.Summarize();
        finding.Figure(F.Seeds, seeds, "seeds");
        finding.Figure(F.SafetyViolations, violations, "", key: true, target: "= 0");
        finding.Figure(F.NotLinearizable, notLinearizable, $"of {seeds}", key: true, target: "= 0");
        finding.Figure(F.Undecided, unknown, $"of {seeds}", key: true, target: "= 0");
        finding.Figure(F.LargestSearch, results.Max(r => r.LinearizabilitySearchSteps), $"steps (budget {LinearizabilityChecker.DefaultMaxStepsPerKey:N0} per key)");
        finding.Figure(F.StuckOperations, stuck, "", key: true, target: "= 0");
        finding.Figure(F.EventsPerSecond, events / simulating.TotalSeconds, "events/s", key: true);
        finding.Figure(F.VirtualPerWall, results.Sum(r => r.VirtualSeconds) / simulating.TotalSeconds, "×");
        finding.Figure(F.ElectionsPerSeed, results.Average(r => r.ElectionsWon), "elections");
        finding.Figure(F.CommitLatencyP50, latency.P50Ms, "ms", key: true);
        finding.Figure(F.CommitLatencyP99, latency.P99Ms, "ms");
        finding.Figure(F.OperationsChecked, results.Sum(r => r.OperationsCompleted), "operations");
        foreach (var bad in results.Where(r => !r.Safe).Take(10))
            finding.Note($"seed {bad.Seed} failed ({bad.Linearizability}; {string.Join("; ", bad.Violations.Take(2))}): replay with RandomFaultRun.Run({bad.Seed}).");
        finding.Note($"Wall time {wall.Elapsed.TotalSeconds:0.0} s: simulation with safety checks {simulating.TotalSeconds:0.0} s, " +
                     $"linearizability checks {TimeSpan.FromTicks(results.Sum(r => r.LinearizabilityCheckTime.Ticks)).TotalSeconds:0.0} s; {events:N0} events in all.");

        // The checkers must be able to fail: plant the bug of granting votes without the log check.
        context.Report(0.85, "planted bug: votes without the up-to-date check");
        var bugOptions = new RandomFaultRun.Options { Bug = ProtocolBug.VoteWithoutLogCheck };
        RandomFaultRunResult? caught = null;
        var tried = 0;
        for (var k = 0; k < 200 && caught is null; k++)
        {
            tried++;
            var r = RandomFaultRun.Run(firstSeed + (ulong)k, bugOptions);
            if (!r.Safe) caught = r;
        }
        var replayExact = false;
        if (caught is not null)
        {
            var replay = RandomFaultRun.Run(caught.Seed, bugOptions);
            replayExact = replay.TraceHash == caught.TraceHash && replay.Events == caught.Events
                          && replay.Violations.Select(v => v.ToString()).SequenceEqual(caught.Violations.Select(v => v.ToString()));
            finding.Note($"Planted bug caught at seed {caught.Seed}: {caught.Violations.FirstOrDefault()?.ToString() ?? caught.Linearizability.ToString()}; " +
                         $"the replay ran the same {replay.Events:N0} events (trace {replay.TraceHash:x16}).");
        }
        finding.Figure(F.PlantedBugCaught, caught is null ? double.NaN : tried, "seeds", key: true);
        finding.Figure(F.ReplayExact, replayExact ? 1 : 0, "(1 = yes)");

        context.Report(0.95, "timeline plot");
        var shown = results.OrderByDescending(r => r.ElectionsWon).First();
        finding.Plot(context.SavePlot(RaftTimelinePlot.Draw(shown, 5), "raft-timeline.png",
            $"Terms and leaders over virtual time for seed {shown.Seed} (the seed with the most elections, {shown.ElectionsWon}); dotted lines are injected faults."));
        finding.Table(FindingTable.Of("Per-seed spread", ["measure", "min", "median", "max"],
        [
            Spread("events", results.Select(r => (double)r.Events)),
            Spread("faults injected", results.Select(r => (double)r.Faults)),
            Spread("elections won", results.Select(r => (double)r.ElectionsWon)),
            Spread("client operations", results.Select(r => (double)r.OperationsCompleted)),
            Spread("log length (committed)", results.Select(r => (double)r.CommittedIndex)),
        ]));

        finding.Check(violations == 0, "no safety violation (election safety, log matching, leader completeness, state machine safety) in any seed");
        finding.Check(notLinearizable == 0 && unknown == 0,
            $"every client history is proven linearizable ({notLinearizable} refuted, {unknown} left undecided by the checker's step budget)");
        finding.Check(stuck == 0, "after the faults stop, every client operation completes");
        finding.Check(caught is not null && replayExact, "a planted protocol bug is caught and its failing seed replays exactly");
        context.Report(1, "done");
        return Task.FromResult(finding.Build(
            $"{seeds} seeds with random partitions, crashes and a lossy network: {violations} safety violations, {notLinearizable} non-linearizable and {unknown} undecided histories, " +
            $"{events / simulating.TotalSeconds:N0} simulated events/s; a planted voting bug was {(caught is null ? "not caught" : $"caught within {tried} seeds")}."));
    }

    private static object?[] Spread(string name, IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return [name, sorted[0], sorted[sorted.Count / 2], sorted[^1]];
    }
}
