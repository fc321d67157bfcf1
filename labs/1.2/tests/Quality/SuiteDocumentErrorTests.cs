using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

/// <summary>Problems outside the list of expectations: the file as a whole, the suite's own fields.</summary>
[Goal("1.2-2")]
public sealed class SuiteDocumentErrorTests
{
    [Theory]
    [InlineData("""{ "suite": "t", "row_key": "id", "expectations": [ """, null, "not valid JSON")]
    [InlineData("""{ "row_key": "id", "expectations": [] }""", "suite", "non-empty string")]
    [InlineData("""{ "suite": "t", "row_key": "id", "expectations": {} }""", "expectations", "list")]
    public void A_malformed_suite_is_a_typed_error_naming_the_field(string json, string? field, string problem)
    {
        var e = Assert.Throws<SuiteFormatException>(() => ExpectationSuite.Parse(json, "broken.json"));

        Assert.Null(e.ExpectationIndex);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
