using Grpc.Core;

namespace StatelessMind.SparkConnect;

/// <summary>
/// The server ran the request and Spark failed: an analysis error (a table that does not exist, a column that does
/// not resolve), a parse error, a failed job. <see cref="ErrorClass"/> is Spark's error class
/// (<c>TABLE_OR_VIEW_NOT_FOUND</c>, <c>PARSE_SYNTAX_ERROR</c> …) when the server gave one, <see cref="ServerExceptionClass"/>
/// the JVM exception's class, and the message is the server's.
/// </summary>
public sealed class SparkServerException(
    string message, StatusCode status, string? errorClass, string? sqlState, string? serverExceptionClass, IReadOnlyList<string> serverClasses, string? errorId)
    : SparkConnectException(message, status)
{
    public string? ErrorClass { get; } = errorClass;
    public string? SqlState { get; } = sqlState;
    public string? ServerExceptionClass { get; } = serverExceptionClass;

    /// <summary>The exception's class and its superclasses, most specific first (the server's "classes" metadata).</summary>
    public IReadOnlyList<string> ServerClasses { get; } = serverClasses;

    /// <summary>The server's id for the error (for FetchErrorDetails), when it kept one.</summary>
    public string? ErrorId { get; } = errorId;
}
