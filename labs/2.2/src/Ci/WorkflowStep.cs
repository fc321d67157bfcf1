namespace StatelessMind.Labs.Transformation.Ci;

/// <summary>One step of a GitHub Actions job: an action (<see cref="Uses"/>) or a shell command (<see cref="Run"/>).</summary>
public sealed record WorkflowStep(string? Name, string? Uses, string? Run, bool ContinueOnError);
