namespace StatelessMind.Labs.Lifecycle.Lake.Pipeline;

/// <summary>The table's schema as the protocol stores it in <c>metaData.schemaString</c>: Spark's JSON struct type.</summary>
public static class SalesSchema
{
    public const string SparkJson =
        """{"type":"struct","fields":[{"name":"id","type":"long","nullable":false,"metadata":{}},{"name":"customer_id","type":"integer","nullable":false,"metadata":{}},{"name":"day","type":"date","nullable":false,"metadata":{}},{"name":"product","type":"string","nullable":false,"metadata":{}},{"name":"quantity","type":"integer","nullable":false,"metadata":{}},{"name":"amount_cents","type":"long","nullable":false,"metadata":{}}]}""";
}
