namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>Textbook recurrences, one per case the solver must handle, and random ones built from chosen roots.</summary>
public static class RecurrenceSuite
{
    private static ForcingTerm Poly(params long[] coefficients) => new([.. coefficients.Select(c => (Rational)c)], 1);
    private static ForcingTerm Exp(Rational s, params long[] coefficients) => new([.. coefficients.Select(c => (Rational)c)], s);

    public static IReadOnlyList<LinearRecurrence> Textbook() =>
    [
        new("a(n) = 5a(n-1) - 6a(n-2): distinct roots 2, 3", [5, -6], [0, 1]),
        new("a(n) = 4a(n-1) - 4a(n-2): a double root 2", [4, -4], [1, 4]),
        new("a(n) = 3a(n-1) - 3a(n-2) + a(n-3): a triple root 1", [3, -3, 1], [1, 3, 7]),
        new("a(n) = -a(n-1) + 4a(n-2) + 4a(n-3): roots -1, -2, 2", [-1, 4, 4], [0, 1, 2]),
        new("a(n) = (5/6)a(n-1) - (1/6)a(n-2): rational roots 1/2, 1/3", [Rational.Create(5, 6), Rational.Create(-1, 6)], [1, 0]),
        new("Tower of Hanoi a(n) = 2a(n-1) + 1", [2], [0], [Poly(1)]),
        new("a(n) = a(n-1) + n: resonance with the root 1", [1], [0], [Poly(0, 1)]),
        new("a(n) = a(n-1) + n^2: sums of squares", [1], [0], [Poly(0, 0, 1)]),
        new("a(n) = 2a(n-1) + n 2^n: resonance with the root 2, a polynomial factor", [2], [1], [Exp(2, 0, 1)]),
        new("a(n) = 6a(n-1) - 11a(n-2) + 6a(n-3) + 3^n: roots 1, 2, 3, resonance at 3", [6, -11, 6], [1, 1, 1], [Exp(3, 1)]),
        new("a(n) = 4a(n-1) - 4a(n-2) + 2^n + n: a double root hit twice", [4, -4], [0, 1], [Exp(2, 1), Poly(0, 1)]),
        new("a(n) = (1/2)a(n-1) + 3 + (1/3)^n: rational bases", [Rational.Create(1, 2)], [5], [Poly(3), Exp(Rational.Create(1, 3), 1)]),
    ];

    /// <summary>Fibonacci: the roots (1 ± √5)/2 are irrational, so the solver must refuse it.</summary>
    public static LinearRecurrence Fibonacci() => new("Fibonacci a(n) = a(n-1) + a(n-2)", [1, 1], [0, 1]);

    /// <summary>x² + 1 (a(n) = −a(n−2)): complex roots ±i, refused too.</summary>
    public static LinearRecurrence Rotation() => new("a(n) = -a(n-2): complex roots", [0, -1], [1, 0]);

    /// <summary>A recurrence whose characteristic polynomial is Π (x − rᵢ) for random rational roots (some repeated),
    /// with a random forcing term and random initial values.</summary>
    public static LinearRecurrence Random(Random random, int index)
    {
        var order = random.Next(1, 5);
        var roots = new List<Rational>();
        while (roots.Count < order)
        {
            var root = Rational.Create(random.Next(-4, 5) is var p && p == 0 ? 1 : p, random.Next(1, 4));
            var copies = Math.Min(order - roots.Count, random.Next(1, 3));
            for (var i = 0; i < copies; i++) roots.Add(root);
        }
        // Π (x − r) lowest degree first; the recurrence coefficients are minus the lower coefficients, reversed.
        var product = new List<Rational> { Rational.One };
        foreach (var r in roots)
        {
            var next = Enumerable.Repeat(Rational.Zero, product.Count + 1).ToList();
            for (var i = 0; i < product.Count; i++)
            {
                next[i + 1] += product[i];
                next[i] -= r * product[i];
            }
            product = next;
        }
        var coefficients = product.Take(order).Reverse().Select(c => -c).ToList();
        var initial = Enumerable.Range(0, order).Select(_ => (Rational)random.Next(-9, 10)).ToList();
        var forcingBase = random.Next(3) == 0 ? roots[random.Next(roots.Count)] : Rational.Create(random.Next(1, 4), random.Next(1, 3));
        var forcingPolynomial = Enumerable.Range(0, random.Next(1, 3)).Select(_ => (Rational)random.Next(-5, 6)).ToList();
        return new LinearRecurrence($"random #{index}: roots {string.Join(", ", roots)}, forcing ({string.Join(", ", forcingPolynomial)})·({forcingBase})^n",
            coefficients, initial, [new ForcingTerm(forcingPolynomial, forcingBase)]);
    }
}
