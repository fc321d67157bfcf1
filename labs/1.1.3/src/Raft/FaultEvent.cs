namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>A fault a random run injected, for the timeline.</summary>
public sealed record FaultEvent(double AtMs, string What);
