namespace StatelessMind.SparkConnect;

/// <summary>The server's answer did not follow the protocol: another session's id, a row count that disagrees with the
/// Arrow data, Arrow data that does not decode, a type this client does not read.</summary>
public sealed class SparkConnectProtocolException(string message, Exception? innerException = null)
    : SparkConnectException(message, null, innerException);
