namespace StatelessMind.Labs.Consensus.Raft.Simulation;

/// <summary>An action due at a virtual time. Cancelling leaves it in the queue but makes it a no-op.</summary>
public sealed class ScheduledEvent(long time, long sequence, Action action)
{
    public long Time { get; } = time;
    public long Sequence { get; } = sequence;
    internal Action Action { get; } = action;
    public bool Cancelled { get; private set; }

    public void Cancel() => Cancelled = true;
}
