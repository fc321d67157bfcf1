namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>The characteristic polynomial has roots that are not rational (irrational or complex): this solver only
/// writes closed forms over the rationals. Names the polynomial and the factor left after the rational roots.</summary>
public sealed class IrrationalRootsException(Polynomial polynomial, Polynomial remaining)
    : InvalidOperationException($"the characteristic polynomial {polynomial} has roots that are not rational: after its rational roots the factor {remaining} (degree {remaining.Degree}) has none. Closed forms here are exact over the rationals only.")
{
    public Polynomial Polynomial { get; } = polynomial;
    public Polynomial Remaining { get; } = remaining;
}
