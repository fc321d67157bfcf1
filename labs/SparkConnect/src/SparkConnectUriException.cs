namespace StatelessMind.SparkConnect;

/// <summary>A Spark Connect connection string (<c>SPARK_REMOTE</c>) that does not parse: which part, and what was expected.</summary>
public sealed class SparkConnectUriException(string connectionString, string part, string expected)
    : FormatException($"Spark Connect connection string '{Redact(connectionString)}': {part}: {expected}.")
{
    public string ConnectionString { get; } = Redact(connectionString);

    /// <summary>The part that is wrong: scheme, host, port, path, or a parameter's name.</summary>
    public string Part { get; } = part;

    // A token must not end up in a log through an error message.
    private static string Redact(string connectionString)
    {
        var at = connectionString.IndexOf(";token=", StringComparison.Ordinal);
        if (at < 0) return connectionString;
        var end = connectionString.IndexOf(';', at + 1);
        return connectionString[..(at + 7)] + "***" + (end < 0 ? "" : connectionString[end..]);
    }
}
