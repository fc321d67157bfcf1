namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>
/// A task that waits for a condition (Airflow's <c>BaseSensorOperator</c> in reschedule mode). Each try pokes once: a
/// met condition succeeds; an unmet one asks the scheduler to run the task again after <see cref="PokeInterval"/>
/// (<see cref="RescheduleException"/>), so no worker is held while it waits; once <see cref="Timeout"/> has passed since
/// the try's first poke, an unmet condition fails the task for good (<see cref="SensorTimeoutException"/>).
/// </summary>
public abstract class Sensor(TimeSpan pokeInterval, TimeSpan timeout) : IOperator
{
    public TimeSpan PokeInterval { get; } = pokeInterval > TimeSpan.Zero ? pokeInterval
        : throw new ArgumentOutOfRangeException(nameof(pokeInterval), pokeInterval, "a sensor's poke interval must be positive");

    public TimeSpan Timeout { get; } = timeout > TimeSpan.Zero ? timeout
        : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a sensor's timeout must be positive");

    public virtual string Kind => "sensor";

    /// <summary>Whether the condition holds now.</summary>
    public abstract Task<bool> PokeAsync(TaskContext context, CancellationToken cancellationToken);

    public async Task<object?> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var poke = context.Poke;
        var met = await PokeAsync(context, cancellationToken);
        context.Log.Info("poke", new()
        {
            ["poke"] = poke.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["met"] = met ? "true" : "false",
        });
        if (met) return poke.Number;
        var now = context.Clock.GetUtcNow();
        if (now - poke.FirstPokeAt >= Timeout) throw new SensorTimeoutException(context.Key.TaskId, Timeout, poke.Number);
        throw new RescheduleException(now + PokeInterval, $"poke {poke.Number} of '{context.Key.TaskId}' found its condition unmet");
    }
}
