namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>What vacuum did: the data files it deleted, and how many it kept because a retained version references them.</summary>
public sealed record VacuumResult(IReadOnlyList<string> Deleted, int Kept);
