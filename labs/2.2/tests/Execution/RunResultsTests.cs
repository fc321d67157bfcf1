using System.Text.Json;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Transformation.Tests.Execution;

/// <summary>dbt's run_results.json: written in dbt's shape, read back (the runner's or dbt-core's), and a file that is
/// not one refused with an error that names it.</summary>
[Goal("2.2-1")]
public sealed class RunResultsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sm-run-results-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static readonly NodeResult[] Results =
    [
        new("seed.retail.regions", NodeStatus.Success, 0, "INSERT 4"),
        new("model.retail.dim_customer", NodeStatus.Success),
        new("test.retail.accepted_values_dim_customer_segment", NodeStatus.Fail, 4, "Got 4 results, configured to fail if != 0"),
        new("model.retail.fct_sales", NodeStatus.Skipped, 0, "skipped: test.retail.accepted_values_dim_customer_segment did not succeed"),
    ];

    [Fact]
    public void The_file_has_dbts_shape_and_reads_back_as_the_same_results()
    {
        var path = RunResults.Write(_folder, "build", Results, new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1.5));

        Assert.Equal(Path.Combine(_folder, "run_results.json"), path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.Equal(RunResults.SchemaVersion, root.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        Assert.Equal("build", root.GetProperty("args").GetProperty("which").GetString());
        Assert.Equal(1.5, root.GetProperty("elapsed_time").GetDouble());
        Assert.Equal(["success", "success", "fail", "skipped"], root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("results")[1].GetProperty("failures").ValueKind);
        Assert.Equal(Results, RunResults.Read(path));
    }

    [Theory]
    [InlineData("not json", "is not JSON")]
    [InlineData("""{"metadata": {}}""", "has no 'results' array")]
    [InlineData("""{"results": [{"status": "pass"}]}""", "results[0] has no unique_id")]
    [InlineData("""{"results": [{"unique_id": "test.x.y", "status": "exploded"}]}""", "test.x.y has status 'exploded'")]
    public void A_file_that_is_not_run_results_is_refused_with_what_is_wrong(string text, string expected)
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "run_results.json");
        File.WriteAllText(path, text);

        var error = Assert.Throws<InvalidDataException>(() => RunResults.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
