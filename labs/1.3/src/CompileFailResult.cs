namespace StatelessMind.Labs.Programming;

/// <summary>What rustc said about one compile-fail example: the codes it reported with the bug compiled
/// in, and whether the fixed variant compiles.</summary>
public sealed record CompileFailResult(CompileFailExample Example, IReadOnlyList<string> ReportedCodes, bool FixCompiles, string Diagnostics)
{
    /// <summary>Rejected with exactly the named error, and the fix accepted: the rule, not a typo, stopped it.</summary>
    public bool Proven => ReportedCodes.Count == 1 && ReportedCodes[0] == Example.ExpectedCode && FixCompiles;
}
