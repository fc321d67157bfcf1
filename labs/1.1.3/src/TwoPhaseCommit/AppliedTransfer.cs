namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// The trace a transfer leaves in each participant it touched, written in the same local transaction
/// as the balance change (table <c>applied_transfers</c>): atomicity means a transfer's rows exist in
/// all of its participants or in none.
/// </summary>
public sealed class AppliedTransfer
{
    public string TransferId { get; set; } = "";
    public int AccountId { get; set; }
    public long Delta { get; set; }
}
