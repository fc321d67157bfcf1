using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.SparkConnect.Tests;

/// <summary>A session is what the server keys views by: every request of a SparkSession must carry its one session id.</summary>
public sealed class SessionTests
{
    private static FakeAnswer CountOf(string query, FakeSparkSession session) =>
        FakeAnswer.From(new LocalTable().AddInt64s("n", [session.Rows(query.Split(' ')[^1]).Count]));

    [Fact]
    public async Task A_view_made_by_one_request_is_seen_by_the_next_in_the_same_session()
    {
        await using var server = await FakeSparkConnectServer.StartAsync(CountOf);
        using var spark = SparkSession.Connect(server.Endpoint);
        var count = await spark.QueryOverAsync("lines", new LocalTable().AddStrings("value", ["a", "b", "c"]), "SELECT count(*) AS n FROM lines");
        Assert.Equal([3L], count.Column("n"));
        Assert.Equal([spark.SessionId, spark.SessionId], server.SessionIds);
    }

    [Fact]
    public async Task Two_sessions_do_not_see_each_others_views()
    {
        await using var server = await FakeSparkConnectServer.StartAsync(CountOf);
        using var first = SparkSession.Connect(server.Endpoint);
        using var second = SparkSession.Connect(server.Endpoint);
        await first.CreateTempViewAsync("lines", new LocalTable().AddStrings("value", ["a"]));
        var error = await Assert.ThrowsAsync<SparkServerException>(() => second.SqlAsync("SELECT count(*) AS n FROM lines"));
        Assert.Equal("TABLE_OR_VIEW_NOT_FOUND", error.ErrorClass);
    }

    [Fact]
    public async Task A_session_id_from_the_connection_string_joins_that_session()
    {
        await using var server = await FakeSparkConnectServer.StartAsync(CountOf);
        using var first = SparkSession.Connect(server.Endpoint);
        await first.CreateTempViewAsync("lines", new LocalTable().AddStrings("value", ["a", "b"]));
        using var again = SparkSession.Connect(server.Endpoint with { SessionId = Guid.Parse(first.SessionId) });
        Assert.Equal([2L], (await again.SqlAsync("SELECT count(*) AS n FROM lines")).Column("n"));
    }

    [Fact]
    public async Task A_server_that_lost_the_session_is_noticed()
    {
        await using var server = await FakeSparkConnectServer.StartAsync();
        using var spark = SparkSession.Connect(server.Endpoint);
        await spark.VersionAsync();
        server.Restart();
        var error = await Assert.ThrowsAsync<SparkConnectProtocolException>(() => spark.VersionAsync());
        Assert.Contains("restarted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_for_another_session_is_refused()
    {
        await using var server = await FakeSparkConnectServer.StartAsync();
        server.Fault = FakeSparkFault.AnswerForAnotherSession;
        using var spark = SparkSession.Connect(server.Endpoint);
        var error = await Assert.ThrowsAsync<SparkConnectProtocolException>(() => spark.RangeAsync(0, 3));
        Assert.Contains(spark.SessionId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_drops_its_session_id_is_caught()
    {
        await using var server = await FakeSparkConnectServer.StartAsync(CountOf);
        using var spark = SparkSession.Connect(server.Endpoint, new SparkSessionOptions { Bug = SparkConnectBug.FreshSessionPerRequest });
        var error = await Assert.ThrowsAsync<SparkServerException>(() =>
            spark.QueryOverAsync("lines", new LocalTable().AddStrings("value", ["a"]), "SELECT count(*) AS n FROM lines"));
        Assert.Equal("TABLE_OR_VIEW_NOT_FOUND", error.ErrorClass);
        Assert.NotEqual(server.SessionIds[0], server.SessionIds[1]);
    }
}
