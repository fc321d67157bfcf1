using StatelessMind.Labs.Lifecycle.Lake.Data;

namespace StatelessMind.Labs.Lifecycle.Lake.Pipeline;

/// <summary>One verification point of the pipeline: what was read there, how long the hop took, and whether it equals the source.</summary>
public sealed record HopCheck(string Hop, DatasetDigest Digest, double Seconds, bool MatchesSource);
