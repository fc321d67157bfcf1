namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>What <see cref="TwoPhaseCoordinator.ExecuteAsync"/> returned for a transfer.</summary>
public sealed record TransferResult(Transfer Transfer, TransferOutcome Outcome, string? Reason = null)
{
    public bool DecidedCommit => Outcome is TransferOutcome.Committed or TransferOutcome.CommittedPendingRecovery;
}
