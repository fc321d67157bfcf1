using StatelessMind.Labs.Orchestration.Operators;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>The job's <c>dbt build</c>: lab 2.3's dbt operator, with its failures sorted into those a retry may cure
/// (left as they are, so the task's retries apply) and failing data tests, which fail the task at once
/// (<see cref="DbtFailures.Classify"/>).</summary>
public sealed class DbtBuildOperator(DbtOperator build, DbtJobBug bug = DbtJobBug.None) : IOperator
{
    public string Kind => build.Kind;

    public async Task<object?> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await build.ExecuteAsync(context, cancellationToken);
        }
        catch (DbtCommandException e) when (bug != DbtJobBug.TestFailuresRetried)
        {
            var classified = DbtFailures.Classify(e);
            context.Log.Error("dbt build failed", new() { ["retried"] = ReferenceEquals(classified, e) ? "yes" : "no", ["error"] = classified.Message });
            throw classified;
        }
    }
}
