namespace StatelessMind.Labs.Programming;

/// <summary>How a full array grows: multiply the capacity by a factor, or add a fixed step.</summary>
public sealed record GrowthRule(string Name, double Factor, int Step)
{
    public static GrowthRule Geometric(double factor) => new($"×{factor:0.##}", factor, 0);
    public static GrowthRule Additive(int step) => new($"+{step}", 2.0, step);

    public bool IsGeometric => Step == 0;

    /// <summary>
    /// The bound on copies per push for geometric growth: just after a grow to capacity c, the copies so
    /// far are at most c/f + c/f² + … = c/(f − 1), spread over at least c/f pushes, so at most f/(f − 1)
    /// per push (and 1/(f − 1) just before the next grow). Additive growth has no constant bound.
    /// </summary>
    public double CopiesPerPushBound
    {
        get
        {
            #region Exercise 1.3-4c: the amortised bound on copies per push for growth factor f (tests: GrowthRuleTests, NativeDynArrayTests.Geometric_growth*)
            return IsGeometric ? Factor / (Factor - 1) : double.PositiveInfinity;
            #endregion
        }
    }
}
