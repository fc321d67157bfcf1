namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>What one <c>dvc repro</c> did: the stages it ran and those it found up to date, in pipeline order.</summary>
public sealed record PipelineRun(IReadOnlyList<string> Ran, IReadOnlyList<string> Skipped);
