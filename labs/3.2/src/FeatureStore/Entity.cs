namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>What features describe (Feast's <c>Entity</c>): a name, and the join key column that identifies one of them
/// in the sources, in entity rows and in online requests (e.g. <c>driver</c>, keyed by <c>driver_id</c>).</summary>
public sealed record Entity(string Name, string JoinKey);
