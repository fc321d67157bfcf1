namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>Runs a .NET delegate (Airflow's PythonOperator, in C#).</summary>
public sealed class DelegateOperator(Func<TaskContext, CancellationToken, Task<object?>> action) : IOperator
{
    public string Kind => "dotnet";

    public Task<object?> ExecuteAsync(TaskContext context, CancellationToken cancellationToken) => action(context, cancellationToken);

    /// <summary>A delegate that returns nothing.</summary>
    public static DelegateOperator Of(Func<TaskContext, CancellationToken, Task> action) =>
        new(async (c, t) => { await action(c, t); return null; });
}
