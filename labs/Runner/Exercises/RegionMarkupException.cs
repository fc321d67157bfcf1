namespace StatelessMind.Runner.Exercises;

/// <summary>Exercise markers that cannot be turned into a skeleton: each problem names its file and line.</summary>
public sealed class RegionMarkupException(IReadOnlyList<RegionProblem> problems)
    : Exception($"{problems.Count} exercise marker problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<RegionProblem> Problems { get; } = problems;
}
