namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>A broken safety property, with the virtual time (ms) and the event count at which it was seen.</summary>
public sealed record SafetyViolation(string Property, string Detail, double AtMs, long AtEvent)
{
    public override string ToString() => $"{Property} at {AtMs:0.###} ms (event {AtEvent}): {Detail}";
}
