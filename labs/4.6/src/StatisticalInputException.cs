namespace StatelessMind.Labs.StochasticStatistics;

/// <summary>The input cannot be given an answer by this method: the derived type says what was wrong (a singular design,
/// too few rows, a matrix that is not stochastic, fewer than one machine…) and carries the index or value that shows it.</summary>
public abstract class StatisticalInputException(string message) : Exception(message)
{
}
