namespace StatelessMind.Labs.Transformation.Ci;

/// <summary>One thing the dbt workflow must do, and whether the file does it (with what was found, to show when it does not).</summary>
public sealed record WorkflowRequirement(string Description, bool Met, string Found);
