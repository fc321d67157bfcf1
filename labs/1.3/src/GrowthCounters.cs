namespace StatelessMind.Labs.Programming;

/// <summary>What a C array counted while it grew (da_counters).</summary>
/// <param name="Pushes">Successful pushes and inserts.</param>
/// <param name="Grows">Times the capacity was raised.</param>
/// <param name="ElementsCopied">Live elements realloc had to preserve at those grows (the textbook cost).</param>
/// <param name="BlockMoves">Grows where realloc returned a new address.</param>
/// <param name="ElementsMoved">Live elements in the block at those moves (what was really copied).</param>
public sealed record GrowthCounters(ulong Pushes, ulong Grows, ulong ElementsCopied, ulong BlockMoves, ulong ElementsMoved)
{
    public double CopiesPerPush => Pushes == 0 ? 0 : (double)ElementsCopied / Pushes;
}
