namespace StatelessMind.Labs.Transformation.Ci;

/// <summary>A service container of a job (<c>services:</c>): the image, the published ports and the <c>docker create</c> options.</summary>
public sealed record WorkflowService(string Name, string Image, IReadOnlyList<string> Ports, string Options);
