namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>One pass of Apriori: itemsets of size K; candidates from the join step, those left after pruning by
/// subsets, those found frequent, and how long the pass took.</summary>
public sealed record PassStatistics(int K, long CandidatesJoined, long CandidatesAfterPruning, long Frequent, TimeSpan Elapsed);
