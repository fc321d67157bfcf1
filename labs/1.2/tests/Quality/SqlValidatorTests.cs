using Microsoft.Data.Analysis;
using Npgsql;
using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

/// <summary>The suite pushed down to PostgreSQL: the compiled SQL names the same rows and values the rules define.</summary>
[Goal("1.2-2")]
[Collection(QualityPostgresCollection.Name)]
public sealed class SqlValidatorTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static DataFrame Small()
    {
        var t0 = QualityData.AsOf.UtcDateTime;
        return new DataFrame(
            new Int64DataFrameColumn("row_id", [1, 2, 3, 4, 5, 6]),
            new Int64DataFrameColumn("order_id", [10, 11, 11, 12, 13, 11]),
            new Int64DataFrameColumn("customer_id", [1, null, 3, 4, null, 6]),
            new StringDataFrameColumn("coupon_code", ["A", null, null, "B", null, "C"]),
            new StringDataFrameColumn("status", ["paid", "PAID", "shipped", "", "pending", "paid"]),
            new StringDataFrameColumn("email", ["ann1@example.com", "x ann1@example.com", "ann1@example.com\n", "bob2@mail.example.org", null, "EVA@X.COM"]),
            new DoubleDataFrameColumn("amount", [0, 10_000, -0.5, 10_000.01, null, 12.25]),
            new DateTimeDataFrameColumn("ordered_at", [t0.AddHours(-2), t0.AddHours(-5), t0.AddHours(-30), t0.AddHours(-1), t0.AddDays(-3), t0.AddHours(-4)]),
            new DateTimeDataFrameColumn("shipped_at", [t0.AddHours(-2), t0.AddHours(-6), null, t0, t0.AddDays(-4), t0.AddHours(-3)]));
    }

    [Fact]
    public async Task Every_row_level_expectation_names_the_rows_the_rule_defines()
    {
        var db = await postgres.CreateDatabaseAsync("sqlq");
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await OrdersTable.LoadAsync(connection, "raw.orders", Small());
        await OrdersTable.LoadAsync(connection, "raw.orders_reference", Small());
        var suite = OrdersSuite.Load();

        var result = await SqlValidator.ValidateAsync(connection, suite, "raw.orders", QualityData.Settings with { SampleSize = 2 },
            new Dictionary<string, string> { ["orders_reference"] = "raw.orders_reference" });

        foreach (var r in result.Results) output.WriteLine($"{r.Expectation.Key}: {r.Summary} [{string.Join(", ", r.UnexpectedKeys)}] {string.Join(" | ", r.Sample.Select(s => s.Reason))}");
        Assert.Equal([2L, 5], result["not_null(customer_id)"].UnexpectedKeys);
        Assert.Equal([2L, 3, 6], result["unique(order_id)"].UnexpectedKeys);
        Assert.True(result["unique(coupon_code)"].Success); // three nulls are not duplicates
        Assert.Equal([3L, 4], result["between(amount)"].UnexpectedKeys);
        Assert.Equal([2L, 4], result["in_set(status)"].UnexpectedKeys);
        Assert.Equal([2L, 3, 6], result["regex(email)"].UnexpectedKeys);
        Assert.Equal([2L, 5], result["column_pair(shipped_at,ordered_at)"].UnexpectedKeys);
        Assert.Equal(6, result["row_count_between"].Observed);
        Assert.False(result["row_count_between"].Success);
        Assert.Equal(1, result["freshness(ordered_at)"].Observed!.Value, 9);
        Assert.Equal(0, result["distribution_drift(amount)"].Observed!.Value, 12);
        Assert.Equal([2L, 3], result["unique(order_id)"].Sample.Select(s => s.Key));
        Assert.Equal("11", result["unique(order_id)"].Sample[0].Value);
        Assert.Contains("appears 3 times", result["unique(order_id)"].Sample[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(QualityBug.NullCountedAsDuplicate, "unique(coupon_code)", new long[] { 2, 3, 5 })]
    [InlineData(QualityBug.ExclusiveBetweenBounds, "between(amount)", new long[] { 1, 2, 3, 4 })]
    [InlineData(QualityBug.UnanchoredRegex, "regex(email)", new long[] { 6 })]
    public async Task The_planted_bugs_change_the_pushed_down_sql_alike(QualityBug bug, string expectation, long[] keys)
    {
        var db = await postgres.CreateDatabaseAsync("sqlbug");
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await OrdersTable.LoadAsync(connection, "orders", Small());
        var suite = OrdersSuite.Load() with { Expectations = [OrdersSuite.Load().Expectations.Single(e => e.Key == expectation)] };

        var result = await SqlValidator.ValidateAsync(connection, suite, "orders", QualityData.Settings with { Bug = bug });

        Assert.Equal(keys, result.Results.Single().UnexpectedKeys);
    }
}
