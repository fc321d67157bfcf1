namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>Thrown when a schema registry refuses a new version; the message lists each violation with the offending field's path.</summary>
public sealed class IncompatibleSchemaException : Exception
{
    public IncompatibleSchemaException(string subject, CompatibilityMode mode, IReadOnlyList<CompatibilityViolation> violations)
        : base(Describe(subject, mode, violations))
    {
        Subject = subject;
        Mode = mode;
        Violations = violations;
    }

    public IncompatibleSchemaException() : this("", CompatibilityMode.None, []) { }

    public IncompatibleSchemaException(string message) : base(message) => Violations = [];

    public IncompatibleSchemaException(string message, Exception innerException) : base(message, innerException) => Violations = [];

    public string Subject { get; } = "";
    public CompatibilityMode Mode { get; }
    public IReadOnlyList<CompatibilityViolation> Violations { get; }

    private static string Describe(string subject, CompatibilityMode mode, IReadOnlyList<CompatibilityViolation> violations) =>
        $"Schema rejected for subject '{subject}': it is not {ModeName(mode)} compatible." + Environment.NewLine +
        string.Join(Environment.NewLine, violations.Select(v => "  - " + v));

    public static string ModeName(CompatibilityMode mode) => mode switch
    {
        CompatibilityMode.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityMode.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityMode.FullTransitive => "FULL_TRANSITIVE",
        _ => mode.ToString().ToUpperInvariant(),
    };
}
