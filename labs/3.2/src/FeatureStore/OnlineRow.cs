namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>What the online store holds for one entity of one view: the event timestamp of the values (null when there
/// is nothing valid to serve) and the values in the view's feature order (nulls alike).</summary>
public sealed record OnlineRow(long EntityId, DateTime? EventTimestamp, double?[] Values);
