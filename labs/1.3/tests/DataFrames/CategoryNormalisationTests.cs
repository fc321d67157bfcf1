using Microsoft.Data.Analysis;
using StatelessMind.Labs.Programming.DataFrames;

namespace StatelessMind.Labs.Programming.Tests.DataFrames;

/// <summary>1.3-1b: inconsistent category spelling folded to the canonical names.</summary>
[Goal("1.3-1")]
public sealed class CategoryNormalisationTests
{
    [Fact]
    public void Case_padding_and_aliases_map_to_the_canonical_name_and_unknown_values_become_null()
    {
        var raw = new StringDataFrameColumn("category", ["toys", "TOYS", "  Toys ", "toy", "groceries", "Elec", "furniture", null]);
        var (column, respelled) = OrderCleaner.NormaliseCategories(raw);
        Assert.Equal(["toys", "toys", "toys", "toys", "grocery", "electronics", null, null], Enumerable.Range(0, 8).Select(i => column[i]));
        Assert.Equal(5, respelled);
    }

    [Fact]
    public void On_generated_data_every_spelling_is_recognised_and_the_respelled_count_matches_linq()
    {
        var data = MessyOrders.Generate(new MessyOrdersSpec(3_000, 7));
        var raw = (StringDataFrameColumn)CsvFrameLoader.LoadString(data.OrdersCsv, "orders", OrdersSchema.OrderColumns)[OrdersSchema.Category];
        var values = Enumerable.Range(0, (int)raw.Length).Select(i => raw[i]!).ToList();
        var expected = values.Count(v => v != v.Trim().ToLowerInvariant() || OrdersSchema.CategoryAliases.ContainsKey(v.Trim().ToLowerInvariant()));
        var (column, respelled) = OrderCleaner.NormaliseCategories(raw);
        Assert.Equal(0, column.NullCount);
        Assert.Equal(expected, respelled);
        Assert.All(Enumerable.Range(0, (int)column.Length), i => Assert.Contains(column[i], OrdersSchema.Categories));
    }
}
