namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>The <see cref="Number"/>-th start of a try (a rescheduled sensor starts its try again for each poke) and
/// when the try first started.</summary>
public sealed record SensorPoke(int Number, DateTimeOffset FirstPokeAt);
