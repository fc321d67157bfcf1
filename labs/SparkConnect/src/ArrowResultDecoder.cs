using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace StatelessMind.SparkConnect;

/// <summary>
/// Turns the <c>arrow_batch</c> messages of an ExecutePlan response into rows. Each message's data is an Arrow IPC
/// stream of its own (a schema message, dictionary batches if any, record batches); its <c>row_count</c> must match
/// the rows in it, and every message must have the same schema.
/// </summary>
internal static class ArrowResultDecoder
{
    public static SparkResult Decode(IEnumerable<(long RowCount, ReadOnlyMemory<byte> Data)> batches, SparkConnectBug bug = SparkConnectBug.None)
    {
        ArgumentNullException.ThrowIfNull(batches);
        IReadOnlyList<SparkColumn>? columns = null;
        var rows = new List<IReadOnlyList<object?>>();
        var recordBatches = 0;
        var message = 0;
        foreach (var (rowCount, data) in batches)
        {
            var before = rows.Count;
            Schema schema;
            try
            {
                using var reader = new ArrowStreamReader(data);
                while (reader.ReadNextRecordBatch() is { } batch)
                {
                    using (batch)
                    {
                        recordBatches++;
                        for (var r = 0; r < batch.Length; r++)
                        {
                            var row = new object?[batch.ColumnCount];
                            for (var c = 0; c < batch.ColumnCount; c++)
                                row[c] = ValueAt(batch.Column(c), r, bug);
                            rows.Add(row);
                        }
                    }
                }
                schema = reader.Schema ?? throw new SparkConnectProtocolException($"Arrow batch message {message} has no schema.");
            }
            catch (Exception e) when (e is not SparkConnectException)
            {
                throw new SparkConnectProtocolException($"Arrow batch message {message} ({data.Length} bytes) does not decode as an Arrow IPC stream: {e.Message}", e);
            }
            var these = schema.FieldsList.Select(f => new SparkColumn(f.Name, f.DataType.Name, f.IsNullable)).ToList();
            if (columns is null) columns = these;
            else if (!columns.Select(c => (c.Name, c.ArrowType)).SequenceEqual(these.Select(c => (c.Name, c.ArrowType))))
                throw new SparkConnectProtocolException(
                    $"Arrow batch message {message} has columns ({Describe(these)}), the first had ({Describe(columns)}).");
            if (rows.Count - before != rowCount)
                throw new SparkConnectProtocolException($"Arrow batch message {message} says row_count {rowCount} but holds {rows.Count - before} rows.");
            message++;
        }
        return new SparkResult(columns ?? [], rows, recordBatches);
    }

    private static string Describe(IEnumerable<SparkColumn> columns) => string.Join(", ", columns.Select(c => $"{c.Name} {c.ArrowType}"));

    /// <summary>The value at <paramref name="index"/> of an Arrow array, as a .NET value (null where the validity bitmap says so).</summary>
    internal static object? ValueAt(IArrowArray array, int index, SparkConnectBug bug = SparkConnectBug.None)
    {
        if (bug == SparkConnectBug.IgnoreValidityBitmap) return RawValueAt(array, index);
        return array switch
        {
            NullArray => null,
            BooleanArray a => a.GetValue(index),
            Int8Array a => a.GetValue(index),
            Int16Array a => a.GetValue(index),
            Int32Array a => a.GetValue(index),
            Int64Array a => a.GetValue(index),
            UInt8Array a => a.GetValue(index),
            UInt16Array a => a.GetValue(index),
            UInt32Array a => a.GetValue(index),
            UInt64Array a => a.GetValue(index),
            FloatArray a => a.GetValue(index),
            DoubleArray a => a.GetValue(index),
            StringArray a => a.GetString(index),
            LargeStringArray a => a.GetString(index),
            BinaryArray a => a.IsNull(index) ? null : a.GetBytes(index).ToArray(),
            Decimal128Array a => a.GetValue(index),
            Date32Array a => a.GetDateOnly(index),
            Date64Array a => a.GetDateOnly(index),
            TimestampArray a => a.GetTimestamp(index),
            DictionaryArray a => DictionaryValueAt(a, index, bug),
            ListArray a => a.IsNull(index) ? null : ListValue(a.GetSlicedValues(index), bug),
            StructArray a => a.IsNull(index) ? null : StructValue(a, index, bug),
            _ => throw new SparkConnectProtocolException($"The Arrow type {array.Data.DataType.Name} is not read by this client."),
        };
    }

    private static object? DictionaryValueAt(DictionaryArray array, int index, SparkConnectBug bug)
    {
        var position = IndexAt(array.Indices, index);
        if (position is null) return null;
        if (bug == SparkConnectBug.DictionaryIndicesAsValues) return position.Value;
        return ValueAt(array.Dictionary, checked((int)position.Value), bug);
    }

    private static long? IndexAt(IArrowArray indices, int index) =>
        indices.Data.DataType is IntegerType
            ? ValueAt(indices, index) is { } position ? Convert.ToInt64(position, System.Globalization.CultureInfo.InvariantCulture) : null
            : throw new SparkConnectProtocolException($"Dictionary indices of type {indices.Data.DataType.Name} are not read by this client.");

    private static List<object?> ListValue(IArrowArray items, SparkConnectBug bug)
    {
        var list = new List<object?>(items.Length);
        for (var i = 0; i < items.Length; i++) list.Add(ValueAt(items, i, bug));
        return list;
    }

    private static Dictionary<string, object?> StructValue(StructArray array, int index, SparkConnectBug bug)
    {
        var type = (StructType)array.Data.DataType;
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var f = 0; f < type.Fields.Count; f++) fields[type.Fields[f].Name] = ValueAt(array.Fields[f], index, bug);
        return fields;
    }

    // The planted mistake: the value slots read as they are, whatever the validity bitmap says.
    private static object? RawValueAt(IArrowArray array, int index) => array switch
    {
        Int32Array a => a.Values[index],
        Int64Array a => a.Values[index],
        DoubleArray a => a.Values[index],
        BooleanArray a => a.GetValue(index) ?? false,
        StringArray a => Encoding.UTF8.GetString(a.GetBytes(index)),
        _ => ValueAt(array, index),
    };
}
