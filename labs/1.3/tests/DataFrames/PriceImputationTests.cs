using Microsoft.Data.Analysis;
using StatelessMind.Labs.Programming.DataFrames;

namespace StatelessMind.Labs.Programming.Tests.DataFrames;

/// <summary>1.3-1c: missing prices filled with the mean of the known prices of their category — and the planted bug that counts missing ones as 0.</summary>
[Goal("1.3-1")]
public sealed class PriceImputationTests
{
    private static DataFrame Frame() => new(
        new StringDataFrameColumn(OrdersSchema.Category, ["toys", "toys", "toys", "grocery", "grocery", "toys"]),
        new PrimitiveDataFrameColumn<double>(OrdersSchema.UnitPrice, new double?[] { 10, null, 20, 3, null, null }));

    [Fact]
    public void A_missing_price_gets_the_mean_of_the_known_prices_of_its_category()
    {
        var frame = Frame();
        var prices = (PrimitiveDataFrameColumn<double>)frame[OrdersSchema.UnitPrice];
        var categories = (StringDataFrameColumn)frame[OrdersSchema.Category];
        var rows = Enumerable.Range(0, 6).Select(i => (Category: categories[i], Price: prices[i])).ToList();
        var expected = rows.Where(r => r.Price is not null).GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Average(r => r.Price!.Value));

        var imputed = new OrderCleaner().ImputePrices(frame, out var count);
        var filled = (PrimitiveDataFrameColumn<double>)imputed[OrdersSchema.UnitPrice];
        Assert.Equal(rows.Count(r => r.Price is null), count);
        Assert.Equal(0, filled.NullCount);
        for (var i = 0; i < rows.Count; i++) Assert.Equal(rows[i].Price ?? expected[rows[i].Category], filled[i]!.Value, 12);
    }

    [Fact]
    public void The_planted_bug_that_averages_missing_prices_as_zero_is_caught()
    {
        var good = new OrderCleaner().CategoryMeans(Frame());
        var buggy = new OrderCleaner(CleaningBug.MeanCountsMissingAsZero).CategoryMeans(Frame());
        Assert.Equal(15.0, good["toys"], 12);     // (10 + 20) / 2 known prices
        Assert.NotEqual(good["toys"], buggy["toys"], 6);
        Assert.NotEqual(good["grocery"], buggy["grocery"], 6);
    }

    [Fact]
    public void A_category_without_any_known_price_is_a_typed_error()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn(OrdersSchema.Category, ["garden"]),
            new PrimitiveDataFrameColumn<double>(OrdersSchema.UnitPrice, new double?[] { null }));
        var e = Assert.Throws<DatasetFormatException>(() => new OrderCleaner().ImputePrices(frame, out _));
        Assert.Equal(OrdersSchema.UnitPrice, e.Column);
    }
}
