namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>Called by the coordinator at every step of the protocol; may throw
/// <see cref="CoordinatorCrashedException"/> (the coordinator dies there) or kill a participant.</summary>
public interface IFaultInjector
{
    /// <param name="participant">The participant the step concerns, or -1 for steps about the whole transfer.</param>
    ValueTask AtAsync(TwoPhaseStep step, int participant, CancellationToken cancellationToken);
}
