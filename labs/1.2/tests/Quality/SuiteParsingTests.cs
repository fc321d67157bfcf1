using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

[Goal("1.2-2")]
public sealed class SuiteParsingTests
{
    [Fact]
    public void The_shipped_orders_suite_reads_into_its_ten_typed_expectations()
    {
        var suite = OrdersSuite.Load();

        Assert.Equal("orders", suite.Name);
        Assert.Equal("row_id", suite.RowKey);
        Assert.Equal(["not_null", "unique", "unique", "between", "in_set", "regex", "row_count_between", "column_pair", "freshness", "distribution_drift"],
            suite.Expectations.Select(e => e.Type));
        Assert.Equal(new BetweenExpectation("amount", 0, 10_000), suite.Expectations[3]);
        Assert.Equal(new ColumnPairExpectation("shipped_at", ">=", "ordered_at"), suite.Expectations[7]);
        Assert.Equal(new DistributionDriftExpectation("amount", "orders_reference", 0.15), suite.Expectations[9]);
        Assert.Equal(["pending", "paid", "shipped", "cancelled"], ((InSetExpectation)suite.Expectations[4]).Values);
    }

    [Fact]
    public void Optional_flags_are_read_and_default_to_inclusive_bounds()
    {
        var suite = QualityData.Suite("""{ "type": "between", "column": "x", "min": 1, "max": 2, "strict_max": true }, { "type": "between", "column": "y", "min": 1, "max": 2 }""");

        Assert.Equal(new BetweenExpectation("x", 1, 2, StrictMin: false, StrictMax: true), suite.Expectations[0]);
        Assert.Equal(new BetweenExpectation("y", 1, 2), suite.Expectations[1]);
    }

    [Theory]
    [InlineData("""{ "type": "not_null" }""", 1, "not_null", "column", "missing")]
    [InlineData("""{ "type": "between", "column": "amount", "min": 0, "max": "ten" }""", 1, "between", "max", "expected a number")]
    [InlineData("""{ "type": "between", "column": "amount", "min": 5, "max": 1 }""", 1, "between", "max", "below min")]
    [InlineData("""{ "type": "between", "column": "amount", "min": 0, "max": 1, "strict_min": "yes" }""", 1, "between", "strict_min", "true or false")]
    [InlineData("""{ "type": "in_set", "column": "status", "values": [] }""", 1, "in_set", "values", "non-empty list")]
    [InlineData("""{ "type": "in_set", "column": "status", "values": ["a", 3] }""", 1, "in_set", "values", "strings only")]
    [InlineData("""{ "type": "regex", "column": "email", "pattern": "[a-z" }""", 1, "regex", "pattern", "not a valid regular expression")]
    [InlineData("""{ "type": "row_count_between", "min": -1, "max": 10 }""", 1, "row_count_between", "min", "whole number")]
    [InlineData("""{ "type": "column_pair", "column_a": "a", "operator": "=>", "column_b": "b" }""", 1, "column_pair", "operator", "not one of")]
    [InlineData("""{ "type": "freshness", "column": "t", "max_age_hours": 0 }""", 1, "freshness", "max_age_hours", "positive")]
    [InlineData("""{ "type": "distribution_drift", "column": "a", "max_ks": 0.1 }""", 1, "distribution_drift", "reference", "missing")]
    [InlineData("""{ "type": "not_null", "column": "a", "colunm": "b" }""", 1, "not_null", "colunm", "unknown field")]
    [InlineData("""{ "type": "not_nul", "column": "a" }""", 1, "not_nul", "type", "unknown expectation type")]
    [InlineData("""{ "column": "a" }""", 1, null, "type", "missing")]
    [InlineData("""{ "type": "not_null", "column": "a" }""", 1, "not_null", null, "appears twice")]
    public void A_malformed_expectation_is_a_typed_error_naming_the_expectation_and_the_field(string second, int index, string? type, string? field, string problem)
    {
        var e = Assert.Throws<SuiteFormatException>(() => QualityData.Suite("""{ "type": "not_null", "column": "a" }, """ + second));

        Assert.Equal("test.json", e.Source);
        Assert.Equal(index, e.ExpectationIndex);
        Assert.Equal(type, e.ExpectationType);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"test.json: expectation {index}", e.Message, StringComparison.Ordinal);
    }
}
