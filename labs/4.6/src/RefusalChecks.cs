using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.StochasticStatistics;

/// <summary>The experiments' checks that bad input is refused with the typed error its method documents.</summary>
internal static class RefusalChecks
{
    /// <summary>A check that holds when <paramref name="action"/> throws <typeparamref name="TException"/> (its message goes
    /// into the check's text) and fails when it returns; any other exception propagates and fails the run.</summary>
    public static void Expect<TException>(FindingBuilder finding, string what, Action action) where TException : StatisticalInputException
    {
        try
        {
            action();
            finding.Check(false, $"{what} is refused with {typeof(TException).Name}");
        }
        catch (TException e)
        {
            finding.Check(true, $"{what} is refused with {typeof(TException).Name}: {e.Message}");
        }
    }
}
