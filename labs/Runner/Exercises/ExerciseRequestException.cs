namespace StatelessMind.Runner.Exercises;

/// <summary>A request the generator cannot carry out as asked (unknown lab or goal, an output folder that is not empty …).</summary>
public sealed class ExerciseRequestException(string message) : Exception(message);
