namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>One balance change of a transfer: <paramref name="Delta"/> on account <paramref name="AccountId"/> of participant <paramref name="Participant"/>.</summary>
public sealed record TransferLeg(int Participant, int AccountId, long Delta);
