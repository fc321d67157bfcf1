using System.Text.Json;
using Google.Rpc;
using Grpc.Core;

namespace StatelessMind.SparkConnect;

/// <summary>
/// Maps a failed gRPC call to the exception that says what went wrong. A Spark Connect server reports Spark's errors
/// as INTERNAL with a google.rpc.Status whose ErrorInfo has the JVM exception class as its reason and metadata
/// "classes" (the class hierarchy, JSON), and, depending on the version, "errorClass", "sqlState" and "errorId";
/// Spark's messages also begin with the error class in brackets.
/// </summary>
internal static class SparkConnectErrors
{
    public static SparkConnectException From(RpcException error, SparkConnectEndpoint endpoint, string call)
    {
        ArgumentNullException.ThrowIfNull(error);
        var detail = error.Status.Detail;
        return error.StatusCode switch
        {
            StatusCode.Unavailable => new SparkConnectUnavailableException(endpoint, $"{call}: {Shorten(detail)}", error),
            StatusCode.DeadlineExceeded => new SparkConnectException($"{call} on {endpoint.Authority} did not finish within its deadline ({Shorten(detail)}).", error.StatusCode, error),
            StatusCode.Unimplemented => new SparkConnectException(
                $"The server at {endpoint.Authority} does not implement {call}: is it a Spark Connect server of Spark 3.4 or later? ({Shorten(detail)})", error.StatusCode, error),
            StatusCode.Unauthenticated or StatusCode.PermissionDenied => new SparkConnectException(
                $"The server at {endpoint.Authority} refused the request ({error.StatusCode}): check the connection string's token and user_id. {Shorten(detail)}",
                error.StatusCode, error),
            StatusCode.ResourceExhausted => new SparkConnectException(
                $"The server at {endpoint.Authority} refused a message as too large ({Shorten(detail)}): send less in one request, or raise spark.connect.grpc.maxInboundMessageSize.",
                error.StatusCode, error),
            _ => ServerError(error),
        };
    }

    private static SparkServerException ServerError(RpcException error)
    {
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        var message = error.Status.Detail;
        string? Meta(string key) => info?.Metadata.TryGetValue(key, out var v) == true && v.Length > 0 ? v : null;
        var errorClass = Meta("errorClass") ?? BracketedClass(message);
        var classes = ParseClasses(Meta("classes"));
        var reason = info?.Reason is { Length: > 0 } r ? r : null;
        var text = $"Spark failed ({error.StatusCode}{(reason is null ? "" : $", {reason}")}{(errorClass is null ? "" : $", {errorClass}")}): {message}";
        return new SparkServerException(text, error.StatusCode, errorClass, Meta("sqlState"), reason, classes, Meta("errorId"));
    }

    /// <summary>Spark's messages start with the error class: "[TABLE_OR_VIEW_NOT_FOUND] The table or view …".</summary>
    internal static string? BracketedClass(string message)
    {
        if (!message.StartsWith('[')) return null;
        var close = message.IndexOf(']', StringComparison.Ordinal);
        if (close <= 1) return null;
        var name = message[1..close];
        return name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '_' or '.') ? name : null;
    }

    private static IReadOnlyList<string> ParseClasses(string? json)
    {
        if (json is null) return [];
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [json];
        }
    }

    private static string Shorten(string detail) => detail.Length <= 300 ? detail : detail[..300] + "…";
}
