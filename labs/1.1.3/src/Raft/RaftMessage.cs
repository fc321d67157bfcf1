namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>A message between Raft servers: every one carries the sender's term.</summary>
public abstract record RaftMessage(int From, int To, int Term) : SimMessage(From, To);
