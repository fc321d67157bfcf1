namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Thrown at a crash point chosen by <see cref="LsmOptions.CrashAt"/>: the tree stops where a killed
/// process would (nothing more is written, buffers are dropped) so that a test can reopen the directory.</summary>
public sealed class SimulatedCrashException(string point) : Exception($"Simulated crash at '{point}'")
{
    public string Point { get; } = point;
}
