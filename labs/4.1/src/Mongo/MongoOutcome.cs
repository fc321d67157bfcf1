using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.DatabaseTheory.Mongo;

/// <summary>Writes with one write concern, each read back at once with readPreference secondaryPreferred.</summary>
public sealed record MongoOutcome(string WriteConcern, int Writes, LatencySummary WriteLatency, int StaleSecondaryReads, bool ReplicaSet);
