using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>How one task of a run ended and how many tries it took.</summary>
public sealed record TaskOutcome(TaskState State, int Tries);
