namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>Thrown by a fault injector to make the coordinator die at a step: it stops there and its
/// connections close, as if its process had been killed. Only the decision log survives.</summary>
public sealed class CoordinatorCrashedException(TwoPhaseStep step, int participant)
    : Exception($"The coordinator crashed at {step}{(participant >= 0 ? $" (participant {participant})" : "")}.")
{
    public TwoPhaseStep Step { get; } = step;
    public int Participant { get; } = participant;
}
