namespace StatelessMind.SparkConnect;

/// <summary>The canonical rows of a local run beside those Spark returned for the same job, and where they first differ.</summary>
public sealed record RowsComparison(IReadOnlyList<string> Local, IReadOnlyList<string> Spark)
{
    public bool Same => Local.SequenceEqual(Spark, StringComparer.Ordinal);

    /// <summary>A sentence naming the first differing row (or the differing counts), or that they agree.</summary>
    public string Describe()
    {
        for (var i = 0; i < Math.Min(Local.Count, Spark.Count); i++)
            if (!string.Equals(Local[i], Spark[i], StringComparison.Ordinal))
                return $"row {i} differs: local '{Local[i]}', Spark '{Spark[i]}' ({Local.Count} local rows, {Spark.Count} from Spark)";
        return Local.Count == Spark.Count
            ? $"all {Local.Count} rows agree"
            : $"the first {Math.Min(Local.Count, Spark.Count)} rows agree, but there are {Local.Count} local rows and {Spark.Count} from Spark";
    }
}
