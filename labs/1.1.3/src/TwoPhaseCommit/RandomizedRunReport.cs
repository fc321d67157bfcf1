namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>The tally of a randomized 2PC run with crashes.</summary>
public sealed record RandomizedRunReport
{
    public required int Runs { get; init; }
    public required int Committed { get; init; }
    public required int Aborted { get; init; }
    public required IReadOnlyDictionary<CrashPoint, int> Injected { get; init; }
    public required int CoordinatorCrashes { get; init; }
    public required int ParticipantRestarts { get; init; }
    public required int RecoveryPasses { get; init; }
    public required int RecoveredByCommit { get; init; }
    public required int RecoveredByRollback { get; init; }

    /// <summary>Transfers whose final state (applied or not) differs from what their crash point implies.</summary>
    public required int OutcomeMismatches { get; init; }

    /// <summary>Transfers whose number of participants in doubt before recovery differs from their crash point's rule.</summary>
    public required int InDoubtMismatches { get; init; }

    /// <summary>Coordinators that found no prepared transaction to commit in phase 2 (someone resolved it behind their back).</summary>
    public required int PhaseTwoSurprises { get; init; }

    /// <summary>Transfers applied in some but not all of their participants.</summary>
    public required int AtomicityViolations { get; init; }

    /// <summary>Prepared transactions found after a recovery pass (summed over passes).</summary>
    public required long PreparedLeftAfterRecovery { get; init; }

    /// <summary>The total over all databases when the run started.</summary>
    public required long ExpectedTotal { get; init; }

    /// <summary>Totals seen at each periodic check and at the end that differed from <see cref="ExpectedTotal"/>.</summary>
    public required int TotalMismatches { get; init; }

    public required long FinalTotal { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }

    public bool Holds => OutcomeMismatches == 0 && AtomicityViolations == 0 && PreparedLeftAfterRecovery == 0 && TotalMismatches == 0
                         && FinalTotal == ExpectedTotal && InDoubtMismatches == 0 && PhaseTwoSurprises == 0;
}
