namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// Thrown by the disk when a planned fault kills the process in the middle of a write (a torn write): control never
/// returns to the request, as with a real crash. The server dies there — for real in the ledger server process
/// (<see cref="LedgerServerHost"/>, where it waits for its SIGKILL), simulated otherwise (the client then sees
/// <see cref="ServerCrashedException"/>).
/// </summary>
internal sealed class SimulatedProcessDeath(string where) : Exception($"The process died {where}.")
{
}
