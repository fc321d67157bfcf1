namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>How a run resolves its environment: the variables env_var() and profiles.yml read, the profile target, --vars and target/.</summary>
public sealed record DbtRunOptions
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public string? ProfilesDirectory { get; init; }
    public string? Target { get; init; }
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();
    public string? TargetDirectory { get; init; }
    public bool FullRefresh { get; init; }
    public RunnerBug Bug { get; init; }
}
