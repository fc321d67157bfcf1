namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>The outcome of one node of a run: for a test, <see cref="Failures"/> is the number of rows its query returned.</summary>
public sealed record NodeResult(string UniqueId, NodeStatus Status, long Failures = 0, string Message = "");
