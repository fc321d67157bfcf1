using Avro;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// An in-memory schema registry for one subject, in the manner of Confluent's: versions are numbered
/// from 1, and a new schema is accepted only if it passes the subject's compatibility mode against the
/// previous version (plain modes) or against every earlier version (transitive modes).
/// </summary>
public sealed class SchemaRegistry(string subject, CompatibilityMode mode)
{
    private readonly List<SchemaVersion> _versions = [];

    public string Subject { get; } = subject;
    public CompatibilityMode Mode { get; } = mode;
    public IReadOnlyList<SchemaVersion> Versions => _versions;

    /// <summary>What would stop <paramref name="candidate"/> from being registered; empty when it is compatible.</summary>
    public IReadOnlyList<CompatibilityViolation> Test(Schema candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var violations = new List<CompatibilityViolation>();
        if (_versions.Count == 0 || Mode == CompatibilityMode.None) return violations;

        #region Exercise 1.1.5-1d: pick the versions to test against and the directions the mode requires, and collect every violation (tests: SchemaRegistryTests.A_*, SchemaRegistryTests.Forward*)
        var transitive = Mode is CompatibilityMode.BackwardTransitive or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;
        var backward = Mode is CompatibilityMode.Backward or CompatibilityMode.BackwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;
        var forward = Mode is CompatibilityMode.Forward or CompatibilityMode.ForwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;
        var against = transitive ? _versions.AsEnumerable().Reverse() : [_versions[^1]];
        foreach (var existing in against)
        {
            if (backward && AvroCompatibility.Check(reader: candidate, writer: existing.Schema) is { Count: > 0 } b)
                violations.Add(new CompatibilityViolation(null, existing.Version, b));
            if (forward && AvroCompatibility.Check(reader: existing.Schema, writer: candidate) is { Count: > 0 } f)
                violations.Add(new CompatibilityViolation(existing.Version, null, f));
        }
        #endregion
        return violations;
    }

    /// <summary>Registers a new version, or throws <see cref="IncompatibleSchemaException"/> naming every offending field.</summary>
    public SchemaVersion Register(Schema candidate, string change = "")
    {
        var violations = Test(candidate);
        if (violations.Count > 0) throw new IncompatibleSchemaException(Subject, Mode, violations);
        var version = new SchemaVersion(_versions.Count + 1, change, candidate);
        _versions.Add(version);
        return version;
    }
}
