using StatelessMind.Labs.Orchestration.Operators;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>Delegate operators the experiments and tests build DAGs from: work that takes clock time, fails a number of
/// times, or hangs until its timeout.</summary>
public static class DelegateTasks
{
    /// <summary>Takes <paramref name="duration"/> of clock time, records that it ran in <paramref name="executions"/>, and returns <paramref name="value"/>.</summary>
    public static DelegateOperator Work(TimeSpan duration, Action<TaskContext>? executions = null, object? value = null) =>
        new(async (context, token) =>
        {
            executions?.Invoke(context);
            if (duration > TimeSpan.Zero) await Task.Delay(duration, context.Clock, token);
            return value;
        });

    /// <summary>Fails its first <paramref name="failures"/> tries, then succeeds.</summary>
    public static DelegateOperator FailFirst(int failures) =>
        new((context, _) => context.TryNumber <= failures
            ? throw new InvalidOperationException($"planted failure on try {context.TryNumber}")
            : Task.FromResult<object?>(context.TryNumber));

    /// <summary>Never finishes on its own: only a cancellation (a timeout) ends it.</summary>
    public static DelegateOperator Hang() =>
        new(async (context, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.Clock, token);
            return null;
        });
}
