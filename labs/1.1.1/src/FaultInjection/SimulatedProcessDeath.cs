namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// Thrown inside the server when the injector kills it (mid-write for a torn write): control
/// never returns to the request, as with a real crash. The server turns it into a restart; the
/// client only ever sees <see cref="ServerCrashedException"/>.
/// </summary>
internal sealed class SimulatedProcessDeath(string where) : Exception($"The process died {where}.")
{
}
