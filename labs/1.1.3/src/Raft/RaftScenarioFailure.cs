namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>A scenario's expectation failed (the lab suite's t.Fatalf). The message names the seed that replays it.</summary>
public sealed class RaftScenarioFailure(string message) : Exception(message);
