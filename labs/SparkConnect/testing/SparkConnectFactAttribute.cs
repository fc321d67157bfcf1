using StatelessMind.SparkConnect;
using Xunit;

namespace StatelessMind.SparkConnect.Testing;

/// <summary>
/// A test that needs a real Spark cluster behind Spark Connect. It runs when SPARK_REMOTE is set (and then fails if no
/// server answers there) and is reported as skipped, with the reason, when it is not.
/// </summary>
public sealed class SparkConnectFactAttribute : FactAttribute
{
    public const string SkipReason =
        "SPARK_REMOTE is not set, so there is no Spark cluster to run on. Start one with `docker compose up -d --wait spark-connect` " +
        "and set SPARK_REMOTE=sc://localhost:15002 (see labs/SparkConnect/README.md). Here, the in-process server tests check the client's protocol code, not Spark.";

    public SparkConnectFactAttribute()
    {
        if (SparkConnectEndpoint.FromEnvironment() is null) Skip = SkipReason;
    }
}
