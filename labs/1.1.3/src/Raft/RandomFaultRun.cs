using StatelessMind.Harness.Measurement;
using StatelessMind.Labs.Consensus.Raft.KeyValue;
using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// One seed of the randomized experiment: a five-server key-value store with three clerks, and for a
/// few virtual seconds a fault every 200–700 ms — partitions (majority/minority or random splits),
/// crashes, restarts, and a network that turns lossy, duplicating or heavily reordering. Then the faults
/// stop, everything heals, and every clerk must finish its operation (liveness). The safety checkers run
/// after every event, and the clerks' history is checked for linearizability. Same seed, same run.
/// </summary>
public static class RandomFaultRun
{
    public sealed record Options
    {
        public int Servers { get; init; } = 5;
        public int Clients { get; init; } = 3;
        public int Keys { get; init; } = 3;
        public long FaultyPeriod { get; init; } = 6 * Simulator.Second;
        public long LivenessDeadline { get; init; } = 20 * Simulator.Second;
        public ProtocolBug Bug { get; init; } = ProtocolBug.None;
        public int SnapshotEvery { get; init; } = 25;

        /// <summary>End the run at the first safety violation (a broken cluster can spin for a long time; the
        /// replay of the seed stops at the same event).</summary>
        public bool StopAtFirstViolation { get; init; } = true;
    }

    public static RandomFaultRunResult Run(ulong seed, Options? options = null, LatencyRecorder? commitLatency = null)
    {
        options ??= new Options();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var raftOptions = new RaftOptions { Bug = options.Bug };
        var cluster = new KvCluster(seed, options.Servers, options.Clients, options.Keys, raftOptions, options.SnapshotEvery, commitLatency);
        var sim = cluster.Sim;
        var rng = sim.Random.Fork();
        var faults = new List<FaultEvent>();
        foreach (var c in cluster.Clients) c.Start();

        bool Broken() => options.StopAtFirstViolation && cluster.Checker.Violations.Count > 0;
        while (sim.Now < options.FaultyPeriod && !Broken())
        {
            sim.RunUntil(Broken, sim.Now + rng.NextLong(200, 700) * Simulator.Millisecond);
            var n = options.Servers;
            switch (rng.Next(8))
            {
                case 0 or 1:
                {
                    // A random split; often a majority and a minority, sometimes nobody has a majority.
                    var order = Enumerable.Range(0, n).OrderBy(_ => rng.NextULong()).ToList();
                    var cut = rng.Next(1, n);
                    cluster.Network.Partition([order.Take(cut).ToList(), order.Skip(cut).ToList()]);
                    faults.Add(new FaultEvent(sim.NowMs, $"partition {{{string.Join(",", order.Take(cut))}}} | {{{string.Join(",", order.Skip(cut))}}}"));
                    break;
                }
                case 2:
                    cluster.Network.HealAll();
                    faults.Add(new FaultEvent(sim.NowMs, "heal"));
                    break;
                case 3 or 4:
                {
                    var victim = rng.Next(n);
                    if (cluster.IsUp(victim))
                    {
                        cluster.Crash(victim);
                        faults.Add(new FaultEvent(sim.NowMs, $"crash S{victim}"));
                    }
                    else
                    {
                        cluster.Start(victim);
                        faults.Add(new FaultEvent(sim.NowMs, $"restart S{victim}"));
                    }
                    break;
                }
                case 5:
                    cluster.Network.Conditions = NetworkConditions.Unreliable with { DuplicateRate = 0.05 };
                    faults.Add(new FaultEvent(sim.NowMs, "lossy, duplicating network"));
                    break;
                case 6:
                    cluster.Network.Conditions = NetworkConditions.Unreliable with { LongReordering = true };
                    faults.Add(new FaultEvent(sim.NowMs, "long reordering"));
                    break;
                default:
                    cluster.Network.Conditions = NetworkConditions.Reliable;
                    faults.Add(new FaultEvent(sim.NowMs, "reliable network"));
                    break;
            }
        }

        // Faults stop: heal, restart everyone, and let every clerk finish its current operation.
        cluster.Network.HealAll();
        cluster.Network.Conditions = NetworkConditions.Reliable;
        for (var i = 0; i < options.Servers; i++)
            if (!cluster.IsUp(i)) cluster.Start(i);
        faults.Add(new FaultEvent(sim.NowMs, "faults stop: heal, restart all"));
        foreach (var c in cluster.Clients) c.StopAfterCurrent();
        sim.RunUntil(() => Broken() || cluster.Clients.All(c => c.IsIdle), sim.Now + options.LivenessDeadline);
        var stuck = cluster.Clients.Count(c => !c.IsIdle);
        foreach (var c in cluster.Clients) c.Abandon();

        var simulationTime = wall.Elapsed;
        // A run already caught breaking safety gets a short search: its history is often far from linearizable, and the
        // run has failed anyway. Any other history gets the full budget; running out of it is reported, never passed.
        var linearizable = LinearizabilityChecker.Check(cluster.History,
            cluster.Checker.Violations.Count > 0 ? 100_000 : LinearizabilityChecker.DefaultMaxStepsPerKey, out var searchSteps);
        return new RandomFaultRunResult
        {
            Seed = seed,
            Events = sim.EventsRun,
            VirtualSeconds = sim.Now / (double)Simulator.Second,
            ElectionsWon = cluster.Metrics.ElectionsWon,
            Candidacies = cluster.Metrics.CandidaciesStarted,
            Violations = cluster.Checker.Violations,
            Linearizability = linearizable,
            LinearizabilitySearchSteps = searchSteps,
            OperationsCompleted = cluster.Clients.Sum(c => c.Completed),
            OperationsStuck = stuck,
            Faults = faults.Count - 1,
            CommittedIndex = cluster.Checker.HighestCommitted,
            TraceHash = sim.TraceHash,
            SimulationTime = simulationTime,
            LinearizabilityCheckTime = wall.Elapsed - simulationTime,
            TermTimeline = cluster.Metrics.TermTimeline,
            LeaderTimeline = cluster.Metrics.LeaderTimeline,
            FaultTimeline = faults,
        };
    }
}
