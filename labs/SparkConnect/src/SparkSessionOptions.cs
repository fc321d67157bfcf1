namespace StatelessMind.SparkConnect;

/// <summary>How a <see cref="SparkSession"/> talks to its server.</summary>
public sealed record SparkSessionOptions
{
    /// <summary>Sent as every request's client_type (the connection string's user_agent replaces it); servers log it.</summary>
    public string ClientType { get; init; } = "stateless-mind/dotnet";

    /// <summary>The deadline of one call: a query that runs longer fails with DeadlineExceeded.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The largest local table sent in one request. A Spark Connect server refuses messages over
    /// spark.connect.grpc.maxInboundMessageSize (128 MiB by default).
    /// </summary>
    public int MaxLocalRelationBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The largest response message accepted (an Arrow batch of the result).</summary>
    public int MaxReceiveMessageBytes { get; init; } = 256 * 1024 * 1024;

    /// <summary>A planted mistake for the tests (<see cref="SparkConnectBug"/>); None in real use.</summary>
    internal SparkConnectBug Bug { get; init; }
}
