namespace StatelessMind.Labs.NumericalMethods.Iterative;

/// <summary>Newton's iterates came back to an earlier point without converging: they will repeat the same cycle forever.</summary>
public sealed class CyclingException(IReadOnlyList<double> cycle, int iteration)
    : NumericalMethodException($"Newton–Raphson cycles with period {cycle.Count} through {string.Join(" → ", cycle.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))} (detected at iteration {iteration}); start elsewhere or bracket the root.")
{
    public IReadOnlyList<double> Cycle { get; } = cycle;
    public int Period => Cycle.Count;
}
