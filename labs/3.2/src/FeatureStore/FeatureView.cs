namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>
/// A group of features of one entity read from one source table (Feast's <c>FeatureView</c>). The source holds the
/// entity's join key, an <c>event_timestamp</c> (when the values became true) and one double-precision column per feature.
/// <see cref="Ttl"/> bounds how old a value may be and still be served: a point-in-time join takes the latest row at or
/// before the entity row's timestamp and no older than the TTL, and online reads apply the same bound.
/// </summary>
public sealed record FeatureView(string Name, Entity Entity, IReadOnlyList<string> Features, TimeSpan Ttl)
{
    /// <summary>The offline source table: the view's name.</summary>
    public string SourceTable => Name;

    /// <summary>The reference of one of its features, as Feast writes it: <c>view:feature</c>.</summary>
    public string Reference(string feature) => $"{Name}:{feature}";
}
