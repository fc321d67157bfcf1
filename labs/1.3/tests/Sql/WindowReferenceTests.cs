using StatelessMind.Labs.Programming.Sql;
using static StatelessMind.Labs.Programming.Tests.Sql.TinyCompany;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>The C# reference of the ranking functions, on cases worked out by hand.</summary>
[Goal("1.3-2")]
public sealed class WindowReferenceTests
{
    private readonly IReadOnlyDictionary<string, ResultSet> _ranking = SalesReference.Ranking(Data);

    [Fact]
    public void Row_number_numbers_every_row_even_through_ties() =>
        AssertRows(_ranking["row_number"], [1, 1, 300, 1], [1, 2, 200, 2], [1, 3, 200, 3], [1, 4, 100, 4], [2, 5, 250, 1]);

    [Fact]
    public void Rank_skips_after_a_tie_and_dense_rank_does_not() =>
        AssertRows(_ranking["rank_dense_rank"], [1, 1, 300, 1, 1], [1, 2, 200, 2, 2], [1, 3, 200, 2, 2], [1, 4, 100, 4, 3], [2, 5, 250, 1, 1]);

    [Fact]
    public void Ntile_gives_the_extra_rows_to_the_first_buckets() =>
        // Six rows in four buckets: sizes 2, 2, 1, 1.
        AssertRows(_ranking["ntile"], [1, 300, 1], [5, 250, 1], [2, 200, 2], [3, 200, 2], [6, 150, 3], [4, 100, 4]);

    [Fact]
    public void Percentile_cont_interpolates_and_percentile_disc_picks_an_existing_value() =>
        // Engineering: 100, 200, 200, 300. Median at position 1.5 → 200; quartile at 0.75 → 100 + 0.75·100 = 175; p90 at ⌈3.6⌉ = 4th → 300.
        AssertRows(_ranking["percentiles"], [1, 4, 200m, 175m, 300], [2, 1, 250m, 250m, 250]);

    [Fact]
    public void On_generated_data_row_numbers_run_from_one_to_the_department_size()
    {
        var data = SalesDataset.Generate(200, 4, 30, seed: 7);
        var rows = SalesReference.Ranking(data)["row_number"].Rows;
        foreach (var department in rows.GroupBy(r => r[0]))
            Assert.Equal(Enumerable.Range(1, department.Count()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), department.Select(r => r[3]));
        Assert.Equal(data.Employees.Count(e => e.DepartmentId is not null), rows.Count);
    }
}
