namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>One row of a feature view's source: an entity, when its values became true (UTC), and the values in the
/// view's feature order.</summary>
public sealed record FeatureRow(long EntityId, DateTime EventTimestamp, double[] Values);
