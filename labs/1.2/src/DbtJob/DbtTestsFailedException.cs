using StatelessMind.Labs.Orchestration.Operators;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>A dbt command whose data tests failed while every model built: the data is wrong, not the warehouse, so
/// the task fails without a retry and its failure alert names the tests.</summary>
public sealed class DbtTestsFailedException(string command, IReadOnlyList<NodeResult> failing)
    : TaskFailedException($"dbt {command}: {failing.Count} data test(s) failed: " +
                          string.Join(", ", failing.Select(f => $"{f.UniqueId} ({f.Failures} failing rows)")) +
                          "; not retried: the same data fails the same tests")
{
    public IReadOnlyList<NodeResult> FailingTests { get; } = failing;
}
