namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>How a coordinator process ended.</summary>
/// <param name="Pid">Its process id (its sessions' application name is <see cref="CoordinatorProgram.ApplicationName"/>).</param>
/// <param name="StoppedAt">The crash point it reached, or null.</param>
/// <param name="Killed">It was SIGKILLed there.</param>
/// <param name="KilledAt">When it was killed (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or 0.</param>
/// <param name="ExitCode">Its exit code (128 + 9 after SIGKILL).</param>
/// <param name="Outcome">What it reported for the transfer, when it lived to the end.</param>
/// <param name="Reason">The reason it gave with that outcome.</param>
public sealed record CoordinatorRun(int Pid, CoordinatorStop? StoppedAt, bool Killed, long KilledAt, int ExitCode, TransferOutcome? Outcome, string? Reason);
