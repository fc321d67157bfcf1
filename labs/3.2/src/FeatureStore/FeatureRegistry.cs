using System.Text.RegularExpressions;

namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>
/// The registry (Feast's <c>feast apply</c>): validates entities and feature views before anything is created, and
/// resolves <c>view:feature</c> references. Names become SQL identifiers and Redis keys, so they are restricted to
/// lower-case letters, digits and underscores.
/// </summary>
public sealed partial class FeatureRegistry
{
    private readonly Dictionary<string, FeatureView> _views = new(StringComparer.Ordinal);

    public FeatureRegistry(IEnumerable<FeatureView> views)
    {
        foreach (var view in views)
        {
            Validate(view);
            if (!_views.TryAdd(view.Name, view)) throw new FeatureDefinitionException(view.Name, "name", "a name no other feature view has");
        }
    }

    public IReadOnlyCollection<FeatureView> Views => _views.Values;

    public FeatureView View(string name) =>
        _views.TryGetValue(name, out var view) ? view : throw new FeatureDefinitionException(name, "view", $"one of the registered views ({string.Join(", ", _views.Keys)})");

    /// <summary>Resolves <c>view:feature</c> references to (view, feature index), in the order given.</summary>
    public IReadOnlyList<(FeatureView View, int Index)> Resolve(IEnumerable<string> references) =>
        [.. references.Select(reference =>
        {
            var parts = reference.Split(':');
            if (parts.Length != 2) throw new FeatureDefinitionException(reference, "reference", "the form view:feature");
            var view = View(parts[0]);
            var index = view.Features.ToList().IndexOf(parts[1]);
            if (index < 0) throw new FeatureDefinitionException(reference, "feature", $"one of {view.Name}'s features ({string.Join(", ", view.Features)})");
            return (view, index);
        })];

    private static void Validate(FeatureView view)
    {
        if (!Identifier().IsMatch(view.Name)) throw new FeatureDefinitionException(view.Name, "name", "lower-case letters, digits and underscores, starting with a letter");
        if (!Identifier().IsMatch(view.Entity.JoinKey)) throw new FeatureDefinitionException(view.Name, "entity.join_key", $"an identifier, not '{view.Entity.JoinKey}'");
        if (view.Ttl <= TimeSpan.Zero) throw new FeatureDefinitionException(view.Name, "ttl", $"a positive duration, not {view.Ttl}");
        if (view.Features.Count == 0) throw new FeatureDefinitionException(view.Name, "features", "at least one feature");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in view.Features)
        {
            if (!Identifier().IsMatch(feature)) throw new FeatureDefinitionException(view.Name, "features", $"identifiers, not '{feature}'");
            if (feature is "event_timestamp" || feature == view.Entity.JoinKey) throw new FeatureDefinitionException(view.Name, "features", $"no feature named like a key column ('{feature}')");
            if (!seen.Add(feature)) throw new FeatureDefinitionException(view.Name, "features", $"distinct names ('{feature}' twice)");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
