namespace StatelessMind.Harness.Measurement;

/// <summary>One reading of a process group: time since sampling began, CPU use (100 = one core busy), resident memory.</summary>
public sealed record ResourceSample(TimeSpan At, double CpuPercent, long RssBytes);
