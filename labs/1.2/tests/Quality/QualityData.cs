using Microsoft.Data.Analysis;
using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

/// <summary>Shared test data: the as-of instant, small hand-made frames, and the generated orders with their reference.</summary>
internal static class QualityData
{
    public static readonly DateTimeOffset AsOf = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const int Rows = 2_000;

    public static readonly ValidationSettings Settings = new(AsOf);

    public static readonly Lazy<DataFrame> Clean = new(() => OrdersDataset.Generate(Rows, seed: 5, AsOf));

    public static readonly Lazy<DataFrame> Reference = new(() => OrdersDataset.Generate(Rows, seed: 6, AsOf));

    public static Dictionary<string, DataFrame> References => new() { [OrdersDataset.ReferenceName] = Reference.Value };

    public static IEnumerable<OrdersDefect?> AllDatasets => new OrdersDefect?[] { null }.Concat(Enum.GetValues<OrdersDefect>().Cast<OrdersDefect?>());

    public static SeededDataset Seeded(OrdersDefect? defect) => OrdersDataset.Seed(Clean.Value, defect, seed: 40 + (defect is { } d ? (int)d : -1));

    public static ExpectationSuite Suite(string expectationsJson) =>
        ExpectationSuite.Parse($$"""{ "suite": "t", "row_key": "id", "expectations": [ {{expectationsJson}} ] }""", "test.json");

    /// <summary>A small frame: id 1..n and the given columns.</summary>
    public static DataFrame Frame(params DataFrameColumn[] columns)
    {
        var n = columns[0].Length;
        var id = new Int64DataFrameColumn("id", Enumerable.Range(1, (int)n).Select(i => (long?)i));
        return new DataFrame([id, .. columns]);
    }
}
