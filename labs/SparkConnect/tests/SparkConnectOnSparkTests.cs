using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.SparkConnect.Tests;

/// <summary>
/// The client against a real Spark Connect server (SPARK_REMOTE). Skipped, with the reason, when it is unset; the CI job
/// .github/workflows/spark-connect.yml runs them against docker compose's Spark.
/// </summary>
public sealed class SparkConnectOnSparkTests(ITestOutputHelper output)
{
    private static SparkSession Connect() => SparkSession.FromEnvironment() ?? throw new InvalidOperationException(SparkConnectFactAttribute.SkipReason);

    [SparkConnectFact]
    public async Task The_server_reports_a_spark_version_of_3_4_or_later()
    {
        using var spark = Connect();
        var version = await spark.VersionAsync();
        output.WriteLine($"Spark {version} at {spark.Endpoint}");
        var parts = version.Split('.', '-');
        Assert.True(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 100 + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) >= 304, version);
    }

    [SparkConnectFact]
    public async Task A_range_comes_back_whole_and_in_order()
    {
        using var spark = Connect();
        var ids = await spark.RangeAsync(0, 10_000, 3, partitions: 4);
        Assert.Equal(Enumerable.Range(0, 3334).Select(i => (object?)(3L * i)), ids.Column("id"));
        output.WriteLine($"{ids.Rows.Count} ids in {ids.ArrowBatches} Arrow batches");
    }

    [SparkConnectFact]
    public async Task A_local_table_read_back_from_its_view_is_unchanged()
    {
        using var spark = Connect();
        var table = new LocalTable()
            .AddStrings("value", ["to be", null, "", "ü ∑ 字"])
            .AddInt32s("k", [1, -2, int.MaxValue, 0])
            .AddInt64s("n", [long.MinValue, 0, 5, 6])
            .AddDoubles("x", [0.1, double.NegativeInfinity, -0.0, 1e300]);
        await spark.CreateTempViewAsync("round_trip", table);
        var back = await spark.SqlAsync("SELECT value, k, n, x FROM round_trip ORDER BY n");
        Assert.Equal(
            ["-9223372036854775808\t1\tto be\t0.1", "0\t-2\tNULL\t-Infinity", "5\t2147483647\t\t-0", "6\t0\tü ∑ 字\t1E+300"],
            back.Rows.Select(r => $"{SparkValues.Format(r[2])}\t{SparkValues.Format(r[1])}\t{SparkValues.Format(r[0])}\t{SparkValues.Format(r[3])}"));
        var schema = await spark.SchemaAsync("SELECT * FROM round_trip");
        Assert.Equal(["string", "int", "bigint", "double"], schema.Fields.Select(f => f.TypeName));
    }

    [SparkConnectFact]
    public async Task A_missing_view_is_spark_s_table_or_view_not_found()
    {
        using var spark = Connect();
        var error = await Assert.ThrowsAsync<SparkServerException>(() => spark.SqlAsync("SELECT * FROM no_such_view_in_this_session"));
        output.WriteLine(error.Message);
        Assert.Equal("TABLE_OR_VIEW_NOT_FOUND", error.ErrorClass);
        Assert.Equal("org.apache.spark.sql.AnalysisException", error.ServerExceptionClass);
    }
}
