namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>The orders suite shipped beside the assembly (<c>Quality/orders.suite.json</c>), and the dbt project that
/// states the same rules as schema tests (<c>dbt-quality/</c>).</summary>
public static class OrdersSuite
{
    private static string AssemblyDirectory => Path.GetDirectoryName(typeof(OrdersSuite).Assembly.Location)!;

    public static string SuitePath => Path.Combine(AssemblyDirectory, "Quality", "orders.suite.json");

    public static string DbtProjectDirectory => Path.Combine(AssemblyDirectory, "dbt-quality");

    public static ExpectationSuite Load() => ExpectationSuite.Load(SuitePath);
}
