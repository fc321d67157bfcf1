namespace StatelessMind.Dataflow.Jobs;

/// <summary>
/// A job Spark SQL can compute as well. <see cref="SparkSql"/> is the same computation as one query over a view of
/// the same input; the Spark Connect route (a later addition: <c>SPARK_REMOTE=sc://host:15002</c>) sends it to a
/// cluster and compares the rows with <see cref="CanonicalRows"/> of the local run. Jobs keep their results in
/// a canonical, ordered form for that comparison, and hash partitioning uses Spark's own hash so partition numbers
/// agree too.
/// </summary>
/// <typeparam name="TResult">The local result.</typeparam>
public interface ISqlExpressibleJob<in TResult>
{
    /// <summary>The query over the input view <paramref name="inputView"/>.</summary>
    string SparkSql(string inputView);

    /// <summary>The result as rows of strings, in the order the query's ORDER BY gives.</summary>
    IReadOnlyList<string> CanonicalRows(TResult result);
}
