namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>An unconstrained test function with a start point and the minimum the math gives for it.</summary>
public sealed record OptimizationCase(string Name, string Function, IReadOnlyList<string> Variables, double[] Start, double[] KnownMinimum)
{
    public static IReadOnlyList<OptimizationCase> Suite { get; } =
    [
        new("Rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2", ["x", "y"], [-1.2, 1], [1, 1]),
        new("Rosenbrock, 4 variables", "100*(b - a^2)^2 + (1 - a)^2 + 100*(c - b^2)^2 + (1 - b)^2 + 100*(d - c^2)^2 + (1 - c)^2",
            ["a", "b", "c", "d"], [-1.2, 1, -1.2, 1], [1, 1, 1, 1]),
        new("Booth", "(x + 2*y - 7)^2 + (2*x + y - 5)^2", ["x", "y"], [0, 0], [1, 3]),
        new("Himmelblau from (3.5, 1.5)", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ["x", "y"], [3.5, 1.5], [3, 2]),
        new("Himmelblau from (-4, -4)", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ["x", "y"], [-4, -4], [-3.779310253377747, -3.283185991286170]),
        new("Beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", ["x", "y"], [1, 1], [3, 0.5]),
    ];
}
