using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>Canonical cells and the embedded SQL files.</summary>
[Goal("1.3-2")]
public sealed class ResultSetTests
{
    [Fact]
    public void Cells_are_canonical_whatever_the_clr_type()
    {
        Assert.Equal("12.5", ResultSet.Cell(12.50m));
        Assert.Equal("7", ResultSet.Cell(7L));
        Assert.Equal("7", ResultSet.Cell(7.0m));
        Assert.Equal("2024-01-05", ResultSet.Cell(new DateOnly(2024, 1, 5)));
        Assert.Equal("2024-01-05", ResultSet.Cell(new DateTime(2024, 1, 5)));
        Assert.Null(ResultSet.Cell(DBNull.Value));
        Assert.Equal("0.1", ResultSet.Cell(0.1));
    }

    [Fact]
    public void A_value_without_a_canonical_form_is_a_typed_error() =>
        Assert.Contains("Guid", Assert.Throws<ArgumentException>(() => ResultSet.Cell(Guid.Empty)).Message);

    [Fact]
    public void Every_suite_query_is_an_embedded_file_and_a_missing_one_is_named()
    {
        Assert.Equal(new SqlQuerySuite().Queries.Select(q => q.Name).Order(StringComparer.Ordinal), SqlResources.QueryNames());
        Assert.All(new SqlQuerySuite().Queries, q => Assert.Contains("SELECT", q.Sql, StringComparison.Ordinal));
        Assert.Contains("no_such_query", Assert.Throws<ArgumentException>(() => SqlResources.Read("no_such_query")).Message);
    }

    [Fact]
    public void Generating_bad_sizes_is_a_typed_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SalesDataset.Generate(0, 4, 30, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SalesDataset.Generate(10, -1, 30, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SalesDataset.Generate(10, 4, 3, 1));
    }
}
