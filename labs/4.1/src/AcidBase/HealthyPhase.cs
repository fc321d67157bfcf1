using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>What the healthy phase measured: acknowledged writes, those the replica missed at once, and the latencies.</summary>
internal sealed record HealthyPhase(int Acked, int Stale, LatencySummary WriteLatency, LatencySummary VisibleAfter);
