namespace StatelessMind.Labs.Transformation.Ci;

/// <summary>A job of a workflow: its runner, service containers (name → image, ports, options), environment and steps.</summary>
public sealed record WorkflowJob(string Id, string? RunsOn, IReadOnlyList<WorkflowService> Services, IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<WorkflowStep> Steps, bool ContinueOnError);
