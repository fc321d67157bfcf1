using Grpc.Core;

namespace StatelessMind.SparkConnect;

/// <summary>Nothing answered at the endpoint: no server is listening there, or it cannot be reached.</summary>
public sealed class SparkConnectUnavailableException(SparkConnectEndpoint endpoint, string detail, Exception? innerException = null)
    : SparkConnectException(
        $"no Spark Connect server at {endpoint.Authority} ({detail}). Start one (docker compose up -d --wait spark-connect) " +
        $"or unset {SparkConnectEndpoint.RemoteVariable}.", StatusCode.Unavailable, innerException)
{
    public SparkConnectEndpoint Endpoint { get; } = endpoint;
}
