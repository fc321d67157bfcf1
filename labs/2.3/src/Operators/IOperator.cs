namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>What a task does. The value it returns (if not null) is pushed as the task's <c>return_value</c> XCom;
/// an exception fails the try. It must honour the cancellation token: a try's timeout cancels it.</summary>
public interface IOperator
{
    /// <summary>A short kind name for listings ("bash", "sql", "dotnet", "dbt").</summary>
    string Kind { get; }

    Task<object?> ExecuteAsync(TaskContext context, CancellationToken cancellationToken);
}
