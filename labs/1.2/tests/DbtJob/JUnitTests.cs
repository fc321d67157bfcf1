using System.Xml.Linq;
using StatelessMind.Labs.Lifecycle.DbtJob;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Lifecycle.Tests.DbtJob;

/// <summary>The published JUnit file: one suite with the counts, one case per data test with its outcome.</summary>
[Goal("1.2-5")]
public sealed class JUnitTests
{
    [Fact]
    public void Each_test_is_a_testcase_with_its_outcome_and_the_suite_counts_them()
    {
        NodeResult[] tests =
        [
            new("test.retail.unique_dim_customer_customer_key", NodeStatus.Pass),
            new("test.retail.accepted_values_dim_customer_segment", NodeStatus.Fail, 4, "Got 4 results, configured to fail if != 0"),
            new("test.retail.not_null_fct_sales_sale_key", NodeStatus.Error, 0, "relation does not exist"),
            new("test.retail.relationships_fct_sales_store_key", NodeStatus.Skipped, 0, "skipped: model.retail.fct_sales did not succeed"),
        ];

        var suite = TestResultPublisher.JUnit(tests, new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.Zero)).Root!.Element("testsuite")!;

        Assert.Equal(("dbt", "4", "1", "1", "1"), ((string)suite.Attribute("name")!, (string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!,
            (string)suite.Attribute("errors")!, (string)suite.Attribute("skipped")!));
        var cases = suite.Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal(["unique_dim_customer_customer_key", "accepted_values_dim_customer_segment", "not_null_fct_sales_sale_key", "relationships_fct_sales_store_key"], cases.Keys);
        Assert.Empty(cases["unique_dim_customer_customer_key"].Elements());
        Assert.Equal("4 failing rows", (string)cases["accepted_values_dim_customer_segment"].Element("failure")!.Attribute("message")!);
        Assert.NotNull(cases["not_null_fct_sales_sale_key"].Element("error"));
        Assert.NotNull(cases["relationships_fct_sales_store_key"].Element("skipped"));
        Assert.All(cases.Values, c => Assert.Equal("test.retail", (string)c.Attribute("classname")!));
    }

    [Fact]
    public void No_tests_make_an_empty_suite()
    {
        var suite = TestResultPublisher.JUnit([], DateTimeOffset.UnixEpoch).Root!.Element("testsuite")!;

        Assert.Equal("0", (string)suite.Attribute("tests")!);
        Assert.Empty(suite.Elements("testcase"));
    }
}
