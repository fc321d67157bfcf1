using Grpc.Core;

namespace StatelessMind.SparkConnect;

/// <summary>A Spark Connect call failed. <see cref="Status"/> is the gRPC status the server (or the transport) answered with.</summary>
public class SparkConnectException : Exception
{
    public SparkConnectException(string message, StatusCode? status = null, Exception? innerException = null) : base(message, innerException) =>
        Status = status;

    public StatusCode? Status { get; }
}
