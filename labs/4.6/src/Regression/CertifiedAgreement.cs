namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>One computed quantity beside its certified value, and the number of significant digits they share: the log
/// relative error −log₁₀(|computed − certified| / |certified|), capped at 15 (agreement to the last certified digit).</summary>
public sealed record CertifiedAgreement(string Quantity, double Computed, double Certified)
{
    public const double MaximumDigits = 15;

    public double Digits => DigitsOfAgreement(Computed, Certified);

    public static double DigitsOfAgreement(double computed, double certified)
    {
        if (!double.IsFinite(computed)) return 0;
        if (computed == certified) return MaximumDigits;
        var relative = Math.Abs(computed - certified) / Math.Abs(certified);
        return Math.Clamp(-Math.Log10(relative), 0, MaximumDigits);
    }
}
