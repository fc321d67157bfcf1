using Apache.Arrow;
using Apache.Arrow.Types;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.SparkConnect.Tests;

/// <summary>Results come back as Arrow IPC streams in arrow_batch messages; these are written by Apache.Arrow in the server and read by the client.</summary>
public sealed class ArrowDecodingTests
{
    /// <summary>A column of each kind with nulls in it: bigint, int, double, boolean, string.</summary>
    internal static RecordBatch NullableColumns()
    {
        var ids = new Int64Array.Builder().Append(1).AppendNull().Append(-3).Append(long.MaxValue).Build();
        var ints = new Int32Array.Builder().AppendNull().Append(7).Append(0).AppendNull().Build();
        var doubles = new DoubleArray.Builder().Append(0.25).Append(double.NaN).AppendNull().Append(-0.0).Build();
        var flags = new BooleanArray.Builder().Append(true).AppendNull().Append(false).Append(true).Build();
        var names = new StringArray.Builder().Append("ada").Append("").AppendNull().Append("ü").Build();
        var schema = new Schema([
            new Field("id", Int64Type.Default, true), new Field("k", Int32Type.Default, true), new Field("x", DoubleType.Default, true),
            new Field("flag", BooleanType.Default, true), new Field("name", StringType.Default, true)], null);
        return new RecordBatch(schema, [ids, ints, doubles, flags, names], 4);
    }

    internal static readonly object?[][] NullableRows =
    [
        [1L, null, 0.25, true, "ada"],
        [null, 7, double.NaN, null, ""],
        [-3L, 0, null, false, null],
        [long.MaxValue, null, -0.0, true, "ü"],
    ];

    /// <summary>A string column dictionary-encoded (int32 indices into a dictionary of words), with a null index.</summary>
    internal static RecordBatch DictionaryColumn()
    {
        var dictionary = new StringArray.Builder().Append("spark").Append("connect").Append("arrow").Build();
        var indices = new Int32Array.Builder().Append(2).Append(0).AppendNull().Append(2).Append(1).Build();
        var type = new DictionaryType(Int32Type.Default, StringType.Default, false);
        var words = new DictionaryArray(type, indices, dictionary);
        return new RecordBatch(new Schema([new Field("word", type, true)], null), [words], 5);
    }

    internal static async Task<SparkResult> ThroughServerAsync(RecordBatch answer, SparkConnectBug bug = SparkConnectBug.None, int rowsPerBatch = 1000)
    {
        await using var server = await FakeSparkConnectServer.StartAsync((_, _) => new FakeAnswer(answer));
        server.RowsPerBatch = rowsPerBatch;
        using var spark = SparkSession.Connect(server.Endpoint, new SparkSessionOptions { Bug = bug });
        return await spark.SqlAsync("SELECT * FROM answer");
    }

    [Fact]
    public async Task Nullable_columns_keep_their_nulls()
    {
        var result = await ThroughServerAsync(NullableColumns());
        Assert.Equal(NullableRows, result.Rows.Select(r => r.ToArray()));
        Assert.Equal(["id", "k", "x", "flag", "name"], result.Columns.Select(c => c.Name));
        Assert.Equal(["int64", "int32", "double", "bool", "utf8"], result.Columns.Select(c => c.ArrowType));
        Assert.Equal("1\tNULL\t0.25\ttrue\tada", result.CanonicalRows()[0]);
    }

    [Fact]
    public async Task Dictionary_encoded_columns_decode_to_their_values()
    {
        var result = await ThroughServerAsync(DictionaryColumn());
        Assert.Equal(["arrow", "spark", null, "arrow", "connect"], result.Column("word"));
    }

    [Fact]
    public async Task Rows_split_over_several_arrow_batch_messages_arrive_in_order()
    {
        var values = Enumerable.Range(0, 10).Select(i => (long)i * i).ToArray();
        var answer = FakeAnswer.From(new LocalTable().AddInt64s("square", values)).Rows;
        var result = await ThroughServerAsync(answer, rowsPerBatch: 3);
        Assert.Equal(4, result.ArrowBatches);
        Assert.Equal(values.Cast<object?>(), result.Column("square"));
    }

    [Fact]
    public async Task An_empty_result_still_has_its_columns()
    {
        var empty = FakeAnswer.From(new LocalTable().AddStrings("word", []).AddInt64s("count", [])).Rows;
        var result = await ThroughServerAsync(empty);
        Assert.Empty(result.Rows);
        Assert.Equal(["word", "count"], result.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task A_row_count_that_disagrees_with_the_data_is_a_protocol_error()
    {
        await using var server = await FakeSparkConnectServer.StartAsync((_, _) => new FakeAnswer(NullableColumns()));
        server.Fault = FakeSparkFault.MisreportRowCount;
        using var spark = SparkSession.Connect(server.Endpoint);
        var error = await Assert.ThrowsAsync<SparkConnectProtocolException>(() => spark.SqlAsync("SELECT * FROM answer"));
        Assert.Contains("row_count 5 but holds 4 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_arrow_are_a_protocol_error_naming_the_message()
    {
        var error = Assert.Throws<SparkConnectProtocolException>(() => ArrowResultDecoder.Decode([(1, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })]));
        Assert.Contains("Arrow batch message 0 (8 bytes)", error.Message, StringComparison.Ordinal);
    }

    // Planted bugs: the same round trips, with the client's decoding broken on purpose; the comparison must catch each.

    [Fact]
    public async Task Reading_values_without_the_validity_bitmap_is_caught()
    {
        var result = await ThroughServerAsync(NullableColumns(), SparkConnectBug.IgnoreValidityBitmap);
        Assert.NotEqual(NullableRows, result.Rows.Select(r => r.ToArray()));
        Assert.DoesNotContain(result.Rows.SelectMany(r => r), v => v is null);
    }

    [Fact]
    public async Task Reading_dictionary_indices_as_values_is_caught()
    {
        var result = await ThroughServerAsync(DictionaryColumn(), SparkConnectBug.DictionaryIndicesAsValues);
        Assert.NotEqual(["arrow", "spark", null, "arrow", "connect"], result.Column("word"));
        Assert.Equal([2L, 0L, null, 2L, 1L], result.Column("word"));
    }
}
