namespace StatelessMind.Labs.NumericalMethods.Hypothesis;

/// <summary>Deliberate mistakes of the tests (tests and the experiment's bug run only). <see cref="None"/> is correct.</summary>
public enum HypothesisTestBug
{
    None,

    /// <summary>A two-sided test reports the one-sided tail: the p-value is half what it should be, so the test
    /// rejects a true null hypothesis twice as often as its level says.</summary>
    OneTailOnly,

    /// <summary>Mann–Whitney counts a tie as a win for the first sample instead of half a win each.</summary>
    TiesCountAsWins,
}
