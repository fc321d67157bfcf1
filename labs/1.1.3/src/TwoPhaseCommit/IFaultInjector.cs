namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>Called by the coordinator at every step of the protocol; may throw
/// an exception that ends the coordinator there (in-process runs), or the coordinator process is killed there, or kill a participant.</summary>
public interface IFaultInjector
{
    /// <param name="participant">The participant the step concerns, or -1 for steps about the whole transfer.</param>
    ValueTask AtAsync(TwoPhaseStep step, int participant, CancellationToken cancellationToken);
}
