namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>A row of the entity data frame given to training-set retrieval: an entity and the time its label was
/// observed (UTC). Features are joined as they were known at that time.</summary>
public sealed record EntityRow(long EntityId, DateTime Timestamp);
