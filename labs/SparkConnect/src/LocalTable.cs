using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace StatelessMind.SparkConnect;

/// <summary>
/// Rows held by the client, to be sent to the server as a LocalRelation: typed columns of equal length, written as an
/// Arrow IPC stream (schema, then one record batch). The server takes column names and types from that schema.
/// </summary>
public sealed class LocalTable
{
    private readonly List<(Field Field, IArrowArray Array)> columns = [];

    public int RowCount => columns.Count == 0 ? 0 : columns[0].Array.Length;

    public IReadOnlyList<string> ColumnNames => [.. columns.Select(c => c.Field.Name)];

    /// <summary>A string column; nulls allowed.</summary>
    public LocalTable AddStrings(string name, IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var builder = new StringArray.Builder();
        foreach (var v in values)
            if (v is null) builder.AppendNull();
            else builder.Append(v);
        return Add(name, builder.Build(), nullable: true);
    }

    public LocalTable AddInt32s(string name, IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Add(name, new Int32Array.Builder().AppendRange(values).Build(), nullable: false);
    }

    public LocalTable AddInt64s(string name, IEnumerable<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Add(name, new Int64Array.Builder().AppendRange(values).Build(), nullable: false);
    }

    public LocalTable AddDoubles(string name, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Add(name, new DoubleArray.Builder().AppendRange(values).Build(), nullable: false);
    }

    private LocalTable Add(string name, IArrowArray array, bool nullable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (columns.Any(c => c.Field.Name == name))
            throw new ArgumentException($"The table already has a column '{name}'.", nameof(name));
        if (columns.Count > 0 && array.Length != RowCount)
            throw new ArgumentException($"Column '{name}' has {array.Length} values; the table's columns have {RowCount} ({columns[0].Field.Name}).", nameof(name));
        columns.Add((new Field(name, array.Data.DataType, nullable), array));
        return this;
    }

    /// <summary>The rows as an Arrow IPC stream: what LocalRelation.data carries.</summary>
    public byte[] ToArrowIpc()
    {
        if (columns.Count == 0) throw new InvalidOperationException("A local table needs at least one column.");
        var schema = new Schema(columns.Select(c => c.Field), null);
        var batch = new RecordBatch(schema, columns.Select(c => c.Array), RowCount); // not disposed: the arrays stay the table's
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        return stream.ToArray();
    }
}
