namespace StatelessMind.SparkConnect.Testing;

/// <summary>How a test's in-process server answers a SQL query: rows, or null for a query it does not know (an error to the client).
/// It may throw an RpcException (see <see cref="FakeSparkErrors"/>), as Spark does for a bad query.</summary>
public delegate FakeAnswer? FakeSparkSql(string query, FakeSparkSession session);
