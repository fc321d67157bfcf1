namespace StatelessMind.Labs.Programming;

/// <summary>Push and indexed-read cost of one array implementation, best of several repetitions.</summary>
/// <param name="Checksum">Sum of every value read back: equal across implementations, so all did the same work.</param>
public sealed record PushGetTiming(string Implementation, long Elements, double PushNsPerOp, double GetNsPerOp, ulong Checksum);
