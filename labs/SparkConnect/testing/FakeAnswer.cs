using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace StatelessMind.SparkConnect.Testing;

/// <summary>The rows the in-process server answers a query with: one Arrow record batch (any Arrow types, dictionaries and nulls included).</summary>
public sealed class FakeAnswer(RecordBatch rows)
{
    public RecordBatch Rows { get; } = rows;

    /// <summary>An answer with the columns and rows of a <see cref="LocalTable"/>.</summary>
    public static FakeAnswer From(LocalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var reader = new ArrowStreamReader(table.ToArrowIpc());
        var batch = reader.ReadNextRecordBatch() ?? throw new InvalidOperationException("The table wrote no record batch.");
        return new FakeAnswer(batch);
    }
}
