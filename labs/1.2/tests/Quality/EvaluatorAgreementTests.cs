using Microsoft.Data.Analysis;
using Npgsql;
using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

/// <summary>
/// A property over generated datasets: for any data, the DataFrame evaluation and the pushed-down SQL agree on every
/// expectation — verdict, failing rows, sample and observed value. The generator is built to hit the edges: empty
/// tables, all-null columns, ties, values on the bounds, near-miss e-mails, equal timestamps.
/// </summary>
[Goal("1.2-2")]
[Collection(QualityPostgresCollection.Name)]
public sealed class EvaluatorAgreementTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Cases = 30;
    private static readonly string[] Emails = ["ann1@example.com", "bob.2@mail.example.org", "x ann1@example.com", "ann1@example.com\n", "ann1@", "ANN1@EXAMPLE.COM", "c3@a-b.c", ""];
    private static readonly string[] Status = ["pending", "paid", "shipped", "cancelled", "PAID", "", "lost"];

    [Fact]
    public async Task The_dataframe_and_the_sql_evaluation_agree_on_every_expectation_of_every_generated_dataset()
    {
        var db = await postgres.CreateDatabaseAsync("agree");
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var suite = OrdersSuite.Load() with
        {
            Expectations = [.. OrdersSuite.Load().Expectations.Select(e => e is RowCountBetweenExpectation ? new RowCountBetweenExpectation(5, 200) : e)],
        };
        var failures = new List<string>();
        var failingExpectations = 0;
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var frame = Generate(random, seed % 10 == 0 ? random.Next(0, 3) : random.Next(3, 250));
            var reference = Generate(random, random.Next(0, 60));
            var settings = QualityData.Settings with { SampleSize = 3, Bug = (QualityBug)(seed % 4) };
            await OrdersTable.LoadAsync(connection, "gen.orders", frame);
            await OrdersTable.LoadAsync(connection, "gen.reference", reference);

            var inMemory = FrameValidator.Validate(suite, frame, $"case {seed}", settings, new Dictionary<string, DataFrame> { [OrdersDataset.ReferenceName] = reference });
            var pushedDown = await SqlValidator.ValidateAsync(connection, suite, "gen.orders", settings, new Dictionary<string, string> { [OrdersDataset.ReferenceName] = "gen.reference" });

            failingExpectations += inMemory.Failed.Count();
            failures.AddRange(QualityAudit.Between(inMemory, pushedDown).Select(p => $"case {seed} ({frame.Rows.Count} rows, {settings.Bug}): {p}"));
        }

        output.WriteLine($"{Cases} datasets, {failingExpectations} failing expectations among them, {failures.Count} disagreements");
        foreach (var f in failures) output.WriteLine(f);
        Assert.Empty(failures);
        Assert.True(failingExpectations > Cases, "the generated data exercised failing expectations, not only passing ones");
    }

    private static DataFrame Generate(Random random, int rows)
    {
        var asOf = QualityData.AsOf.UtcDateTime;
        var pNull = random.NextDouble() < 0.1 ? 1.0 : random.NextDouble() * 0.3;
        T? Maybe<T>(Func<T> value) where T : struct => random.NextDouble() < pNull ? null : value();
        string? MaybeText(Func<string> value) => random.NextDouble() < pNull ? null : value();
        var ordered = Enumerable.Range(0, rows).Select(_ => Maybe(() => asOf.AddSeconds(-random.Next(0, 3 * 86_400)))).ToList();
        return new DataFrame(
            new Int64DataFrameColumn("row_id", Enumerable.Range(1, rows).Select(i => (long?)i)),
            new Int64DataFrameColumn("order_id", Enumerable.Range(0, rows).Select(_ => Maybe(() => (long)random.Next(0, rows + 3)))),
            new Int64DataFrameColumn("customer_id", Enumerable.Range(0, rows).Select(_ => Maybe(() => (long)random.Next(1, 20)))),
            new StringDataFrameColumn("coupon_code", Enumerable.Range(0, rows).Select(_ => MaybeText(() => $"C{random.Next(0, 4 * rows + 1)}"))),
            new StringDataFrameColumn("status", Enumerable.Range(0, rows).Select(_ => MaybeText(() => Status[random.Next(Status.Length)]))),
            new StringDataFrameColumn("email", Enumerable.Range(0, rows).Select(_ => MaybeText(() => Emails[random.Next(Emails.Length)]))),
            new DoubleDataFrameColumn("amount", Enumerable.Range(0, rows).Select(_ => Maybe(() => random.Next(6) switch
            {
                0 => 0.0,
                1 => 10_000.0,
                2 => -0.01,
                3 => 10_000.01,
                _ => Math.Round(random.NextDouble() * 200, random.Next(0, 3)),
            }))),
            new DateTimeDataFrameColumn("ordered_at", ordered),
            new DateTimeDataFrameColumn("shipped_at", ordered.Select(o => o is { } t && random.NextDouble() > pNull ? t.AddSeconds(random.Next(-3_600, 7_200) * (random.Next(3) == 0 ? 0 : 1)) : (DateTime?)null)));
    }
}
