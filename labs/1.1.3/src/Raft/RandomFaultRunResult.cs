using StatelessMind.Labs.Consensus.Raft.KeyValue;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>The outcome of one seed of <see cref="RandomFaultRun"/>.</summary>
public sealed record RandomFaultRunResult
{
    public required ulong Seed { get; init; }
    public required long Events { get; init; }
    public required double VirtualSeconds { get; init; }
    public required int ElectionsWon { get; init; }
    public required int Candidacies { get; init; }
    public required IReadOnlyList<SafetyViolation> Violations { get; init; }
    public required LinearizabilityResult Linearizability { get; init; }

    /// <summary>Steps of the largest per-key linearizability search (its budget is <see cref="LinearizabilityChecker.DefaultMaxStepsPerKey"/>).</summary>
    public required long LinearizabilitySearchSteps { get; init; }
    public required int OperationsCompleted { get; init; }

    /// <summary>Clients still waiting after the faults stopped and the liveness deadline passed.</summary>
    public required int OperationsStuck { get; init; }

    public required int Faults { get; init; }
    public required int CommittedIndex { get; init; }
    public required ulong TraceHash { get; init; }

    /// <summary>Wall-clock time spent simulating (safety checkers included) and checking linearizability.</summary>
    public required TimeSpan SimulationTime { get; init; }

    public required TimeSpan LinearizabilityCheckTime { get; init; }
    public required IReadOnlyList<(double AtMs, int Term)> TermTimeline { get; init; }
    public required IReadOnlyList<(double AtMs, int Leader, int Term)> LeaderTimeline { get; init; }
    public required IReadOnlyList<FaultEvent> FaultTimeline { get; init; }

    /// <summary>No safety violation and a history proven linearizable: a history the checker gave up on does not count.</summary>
    public bool Safe => Violations.Count == 0 && Linearizability == LinearizabilityResult.Linearizable;
    public bool Live => OperationsStuck == 0;
}
