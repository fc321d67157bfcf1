namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>A suite run over one dataset by one evaluator (DataFrame or SQL): every expectation's result.</summary>
public sealed record ValidationResult(string Suite, string Dataset, string Evaluator, DateTimeOffset AsOf, IReadOnlyList<ExpectationResult> Results)
{
    public bool Success => Results.All(r => r.Success);

    public IEnumerable<ExpectationResult> Failed => Results.Where(r => !r.Success);

    public ExpectationResult this[string key] => Results.Single(r => r.Expectation.Key == key);
}
