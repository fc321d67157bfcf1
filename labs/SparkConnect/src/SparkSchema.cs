using StatelessMind.SparkConnect.Protocol;

namespace StatelessMind.SparkConnect;

/// <summary>The schema AnalyzePlan returns for a query, in Spark's type names (int, bigint, string, double, decimal(10,2), array&lt;int&gt;, struct&lt;…&gt;).</summary>
public sealed record SparkSchema(IReadOnlyList<SparkSchemaField> Fields)
{
    internal static SparkSchema From(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.KindCase != DataType.KindOneofCase.Struct)
            throw new SparkConnectProtocolException($"AnalyzePlan returned a {type.KindCase} schema; a query's schema is a struct.");
        return new SparkSchema([.. type.Struct.Fields.Select(f => new SparkSchemaField(f.Name, TypeName(f.DataType), f.Nullable))]);
    }

    /// <summary>Spark SQL's name of a data type.</summary>
    internal static string TypeName(DataType? type) => type?.KindCase switch
    {
        DataType.KindOneofCase.Null => "void",
        DataType.KindOneofCase.Binary => "binary",
        DataType.KindOneofCase.Boolean => "boolean",
        DataType.KindOneofCase.Byte => "tinyint",
        DataType.KindOneofCase.Short => "smallint",
        DataType.KindOneofCase.Integer => "int",
        DataType.KindOneofCase.Long => "bigint",
        DataType.KindOneofCase.Float => "float",
        DataType.KindOneofCase.Double => "double",
        DataType.KindOneofCase.Decimal => $"decimal({(type.Decimal.HasPrecision ? type.Decimal.Precision : 10)},{(type.Decimal.HasScale ? type.Decimal.Scale : 0)})",
        DataType.KindOneofCase.String => "string",
        DataType.KindOneofCase.Date => "date",
        DataType.KindOneofCase.Timestamp => "timestamp",
        DataType.KindOneofCase.Array => $"array<{TypeName(type.Array.ElementType)}>",
        DataType.KindOneofCase.Struct => $"struct<{string.Join(",", type.Struct.Fields.Select(f => $"{f.Name}:{TypeName(f.DataType)}"))}>",
        null => throw new SparkConnectProtocolException("A schema field has no data type."),
        var other => throw new SparkConnectProtocolException($"The data type {other} is not read by this client."),
    };
}
