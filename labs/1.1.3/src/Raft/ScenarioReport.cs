namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>What a scenario used, printed when it passes (as the lab suite prints time, peers, RPCs, bytes, agreements).</summary>
public sealed record ScenarioReport(string Description, double VirtualSeconds, int Peers, long Rpcs, long Bytes, int Agreements,
    int Elections, long Events, int SafetyViolations, ulong TraceHash)
{
    public override string ToString() =>
        $"{Description}: passed — {VirtualSeconds:0.0} s virtual, {Peers} peers, {Rpcs} RPCs, {Bytes:N0} bytes, {Agreements} agreements, " +
        $"{Elections} elections, {Events:N0} events, trace {TraceHash:x16}";
}
