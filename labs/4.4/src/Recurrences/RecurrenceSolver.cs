namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>
/// Closed forms by the characteristic-polynomial method. The homogeneous solutions are nᵏrⁿ for each root r of the
/// characteristic polynomial and k below its multiplicity. A forcing term p(n)·sⁿ is annihilated by (E − s)^(deg p + 1)
/// (E the shift aₙ ↦ aₙ₊₁), so the whole solution solves a homogeneous recurrence whose characteristic polynomial has s
/// as a root of multiplicity m + deg p + 1, m being its multiplicity in the original (0 if s is not a root): its
/// particular part is nᵐ·q(n)·sⁿ with q of degree deg p, the "multiply by nᵐ" rule of undetermined coefficients.
/// The coefficients of the basis are then fixed by the first terms of the sequence, solved exactly.
/// Only rational characteristic roots are handled: others are an <see cref="IrrationalRootsException"/>.
/// </summary>
public static class RecurrenceSolver
{
    public static ClosedForm Solve(LinearRecurrence recurrence, RecurrenceBug bug = RecurrenceBug.None)
    {
        var characteristic = bug == RecurrenceBug.CharacteristicSignFlipped
            ? new Polynomial(recurrence.Coefficients.Reverse().Append(Rational.One))
            : recurrence.CharacteristicPolynomial();
        var (roots, remaining) = RationalRoots.Find(characteristic);
        if (remaining.Degree >= 1) throw new IrrationalRootsException(characteristic, remaining);
        var basis = Basis(roots, recurrence.Forcing);
        if (bug == RecurrenceBug.ResonanceIgnored)
            basis = basis.Select(b => b with
            {
                Multiplicity = Math.Max(roots.FirstOrDefault(r => r.Value == b.Value)?.Multiplicity ?? 0,
                    recurrence.Forcing.Where(f => f.Base == b.Value).Select(f => f.Degree + 1).DefaultIfEmpty(0).Max()),
            }).ToList();
        var functions = basis.SelectMany(b => Enumerable.Range(0, b.Multiplicity).Select(k => (Power: k, b.Value))).ToList();
        var known = recurrence.Iterate(functions.Count);
        var matrix = new Rational[functions.Count, functions.Count];
        for (var n = 0; n < functions.Count; n++)
        for (var j = 0; j < functions.Count; j++)
            matrix[n, j] = Rational.Pow(n, functions[j].Power) * functions[j].Value.Pow(n);
        var coefficients = ExactLinearSolver.Solve(matrix, [.. known]);
        return new ClosedForm(functions.Select((f, j) => new ClosedFormTerm(coefficients[j], f.Power, f.Value)).ToList());
    }

    /// <summary>The bases of the solution space and their multiplicities: each characteristic root with its own, raised
    /// by deg p + 1 for every forcing term p(n)·sⁿ with s equal to it; a forcing base that is not a root enters with
    /// deg p + 1. Ordered by base.</summary>
    public static IReadOnlyList<RationalRoot> Basis(IReadOnlyList<RationalRoot> characteristicRoots, IReadOnlyList<ForcingTerm> forcing)
    {
        #region Exercise 4.4-3d: the annihilator - a forcing term p(n) s^n adds deg p + 1 to the multiplicity of s, a new base if s is not a root (tests: RecurrenceSolverTests.Basis*)
        var multiplicity = characteristicRoots.ToDictionary(r => r.Value, r => r.Multiplicity);
        foreach (var term in forcing)
            multiplicity[term.Base] = multiplicity.GetValueOrDefault(term.Base) + term.Degree + 1;
        return multiplicity.Select(kv => new RationalRoot(kv.Key, kv.Value)).OrderBy(r => r.Value.ToDouble()).ToList();
        #endregion
    }
}
