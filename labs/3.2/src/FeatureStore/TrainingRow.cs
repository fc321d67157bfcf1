namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>A row of a retrieved training set: the entity row, each requested feature's value (null when no row of its
/// view was valid at that time), and for each view the event timestamp of the row that was joined (null if none).</summary>
public sealed record TrainingRow(EntityRow Entity, IReadOnlyList<double?> Values, IReadOnlyDictionary<string, DateTime?> JoinedTimestamps);
