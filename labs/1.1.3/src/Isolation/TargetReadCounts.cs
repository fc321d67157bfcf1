namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>What the reads of one target saw over a run of writes.</summary>
/// <param name="Reads">Reads made by each of the two readers (the writer itself, and another client).</param>
/// <param name="ReadYourWritesViolations">The writer read its own acknowledged write back and got an older value.</param>
/// <param name="StaleReads">Another client, starting after the write was acknowledged, got an older value.</param>
public sealed record TargetReadCounts(ReadTarget Target, int Reads, int ReadYourWritesViolations, int StaleReads)
{
    public double StaleFraction => Reads == 0 ? 0 : (double)StaleReads / Reads;
}
