using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.SparkConnect.Tests;

/// <summary>Failed calls become exceptions that say what happened and what to do.</summary>
public sealed class ErrorMappingTests
{
    [Fact]
    public async Task No_server_at_the_address_is_unavailable_naming_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        using var spark = SparkSession.Connect(SparkConnectEndpoint.Parse($"sc://127.0.0.1:{port}"));
        var error = await Assert.ThrowsAsync<SparkConnectUnavailableException>(() => spark.SqlAsync("SELECT 1"));
        Assert.StartsWith($"no Spark Connect server at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unavailable, error.Status);
    }

    [Fact]
    public async Task A_spark_error_keeps_its_class_exception_and_message()
    {
        await using var server = await FakeSparkConnectServer.StartAsync((q, _) => throw FakeSparkErrors.Spark(
            "PARSE_SYNTAX_ERROR", "Syntax error at or near 'SELEC'.", "org.apache.spark.sql.catalyst.parser.ParseException", "42601"));
        using var spark = SparkSession.Connect(server.Endpoint);
        var error = await Assert.ThrowsAsync<SparkServerException>(() => spark.SqlAsync("SELEC 1"));
        Assert.Equal(StatusCode.Internal, error.Status);
        Assert.Equal("PARSE_SYNTAX_ERROR", error.ErrorClass); // from the message: older servers send no errorClass metadata
        Assert.Null(error.SqlState);
        Assert.Equal("org.apache.spark.sql.catalyst.parser.ParseException", error.ServerExceptionClass);
        Assert.Equal("org.apache.spark.sql.catalyst.parser.ParseException", error.ServerClasses[0]);
        Assert.NotNull(error.ErrorId);
        Assert.Contains("Syntax error at or near 'SELEC'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_class_and_sql_state_come_from_the_metadata_when_the_server_sends_them()
    {
        await using var server = await FakeSparkConnectServer.StartAsync((q, _) => throw FakeSparkErrors.Spark(
            "DIVIDE_BY_ZERO", "Division by zero.", "org.apache.spark.SparkArithmeticException", "22012", errorClassInMetadata: true));
        using var spark = SparkSession.Connect(server.Endpoint);
        var error = await Assert.ThrowsAsync<SparkServerException>(() => spark.SqlAsync("SELECT 1/0"));
        Assert.Equal(("DIVIDE_BY_ZERO", "22012"), (error.ErrorClass, error.SqlState));
    }

    [Fact]
    public async Task A_query_the_server_does_not_know_fails_with_the_servers_words()
    {
        await using var server = await FakeSparkConnectServer.StartAsync();
        using var spark = SparkSession.Connect(server.Endpoint);
        var error = await Assert.ThrowsAsync<SparkServerException>(() => spark.SqlAsync("SELECT 42"));
        Assert.Equal("UNSUPPORTED_FEATURE", error.ErrorClass);
    }

    [Theory]
    [InlineData(StatusCode.Unimplemented, "does not implement ExecutePlan")]
    [InlineData(StatusCode.Unauthenticated, "check the connection string's token")]
    [InlineData(StatusCode.PermissionDenied, "check the connection string's token")]
    [InlineData(StatusCode.ResourceExhausted, "maxInboundMessageSize")]
    [InlineData(StatusCode.DeadlineExceeded, "did not finish within its deadline")]
    public async Task Transport_statuses_say_what_to_do(StatusCode status, string advice)
    {
        await using var server = await FakeSparkConnectServer.StartAsync((q, _) => throw new RpcException(new Status(status, "refused")));
        using var spark = SparkSession.Connect(server.Endpoint);
        var error = await Assert.ThrowsAsync<SparkConnectException>(() => spark.SqlAsync("SELECT 1"));
        Assert.Equal(status, error.Status);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.Contains(server.Endpoint.Authority, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_too_large_for_one_message_is_refused_before_sending()
    {
        await using var server = await FakeSparkConnectServer.StartAsync();
        using var spark = SparkSession.Connect(server.Endpoint, new SparkSessionOptions { MaxLocalRelationBytes = 1024 });
        var error = await Assert.ThrowsAsync<SparkConnectException>(() =>
            spark.CreateTempViewAsync("big", new LocalTable().AddInt64s("n", Enumerable.Range(0, 1000).Select(i => (long)i))));
        Assert.Contains("view 'big'", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.ExecuteRequests);
    }

    [Fact]
    public async Task Cancelling_a_call_is_an_ordinary_cancellation()
    {
        await using var server = await FakeSparkConnectServer.StartAsync();
        using var spark = SparkSession.Connect(server.Endpoint);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => spark.RangeAsync(0, 10, cancellationToken: cancelled.Token));
    }

    [Theory]
    [InlineData("[TABLE_OR_VIEW_NOT_FOUND] The table …", "TABLE_OR_VIEW_NOT_FOUND")]
    [InlineData("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column …", "UNRESOLVED_COLUMN.WITH_SUGGESTION")]
    [InlineData("[not a class] text", null)]
    [InlineData("plain message", null)]
    public void The_error_class_is_read_from_the_start_of_a_message(string message, string? errorClass) =>
        Assert.Equal(errorClass, SparkConnectErrors.BracketedClass(message));
}
