using StatelessMind.SparkConnect.Protocol;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.SparkConnect.Tests;

/// <summary>What the client puts on the wire, as the in-process server decodes it: plan shape, session, user and client type.</summary>
public sealed class PlanEncodingTests
{
    [Fact]
    public async Task A_sql_query_is_an_execute_plan_whose_root_relation_is_sql()
    {
        await using var server = await FakeSparkConnectServer.StartAsync((q, _) => FakeAnswer.From(new LocalTable().AddInt32s("one", [1])));
        using var spark = SparkSession.Connect(server.Endpoint with { UserId = "ada" });
        await spark.SqlAsync("SELECT 1 AS one");

        var request = Assert.Single(server.ExecuteRequests);
        Assert.Equal(Plan.OpTypeOneofCase.Root, request.Plan.OpTypeCase);
        Assert.Equal(Relation.RelTypeOneofCase.Sql, request.Plan.Root.RelTypeCase);
        Assert.Equal("SELECT 1 AS one", request.Plan.Root.Sql.Query);
        Assert.True(request.Plan.Root.Common.HasPlanId);
        Assert.Equal(spark.SessionId, request.SessionId);
        Assert.True(Guid.TryParseExact(request.SessionId, "D", out _), "the session id is a UUID, as the server requires");
        Assert.Equal("ada", request.UserContext.UserId);
        Assert.Equal("stateless-mind/dotnet", request.ClientType);
        Assert.True(Guid.TryParseExact(request.OperationId, "D", out _));
    }

    [Fact]
    public async Task Range_and_read_are_root_relations_of_their_own_kind()
    {
        await using var server = await FakeSparkConnectServer.StartAsync();
        using var spark = SparkSession.Connect(server.Endpoint);
        var ids = await spark.RangeAsync(5, 50, 5, partitions: 3);
        await spark.CreateTempViewAsync("words", new LocalTable().AddStrings("word", ["a", "b"]));
        var words = await spark.TableAsync("words");

        var requests = server.ExecuteRequests;
        Assert.Equal(3, requests.Count);
        var range = requests[0].Plan.Root.Range;
        Assert.Equal((5L, 50L, 5L, 3), (range.Start, range.End, range.Step, range.NumPartitions));
        Assert.Equal([5L, 10, 15, 20, 25, 30, 35, 40, 45], ids.Column("id").Cast<long>());
        Assert.Equal("words", requests[2].Plan.Root.Read.NamedTable.UnparsedIdentifier);
        Assert.Equal(["a", "b"], words.Column("word"));
        Assert.Equal(3, requests.Select(r => r.Plan.OpTypeCase == Plan.OpTypeOneofCase.Root ? r.Plan.Root.Common.PlanId : r.Plan.Command.CreateDataframeView.Input.Common.PlanId).Distinct().Count());
    }

    [Fact]
    public async Task A_temporary_view_is_a_command_over_a_local_relation_in_arrow_ipc()
    {
        await using var server = await FakeSparkConnectServer.StartAsync();
        using var spark = SparkSession.Connect(server.Endpoint);
        var table = new LocalTable().AddStrings("value", ["to be", null, "or not"]).AddInt64s("n", [1, 2, 3]).AddDoubles("x", [0.5, -1, double.MaxValue]).AddInt32s("k", [7, 8, 9]);
        await spark.CreateTempViewAsync("input", table);

        var command = Assert.Single(server.ExecuteRequests).Plan.Command.CreateDataframeView;
        Assert.Equal("input", command.Name);
        Assert.False(command.IsGlobal);
        Assert.True(command.Replace);
        Assert.Equal(Relation.RelTypeOneofCase.LocalRelation, command.Input.RelTypeCase);
        var session = Assert.Single(server.Sessions);
        Assert.Equal(
            [["to be", 1L, 0.5, 7], [null, 2L, -1.0, 8], ["or not", 3L, double.MaxValue, 9]],
            session.Rows("input").Select(r => r.ToArray()));
    }

    [Fact]
    public async Task Analyze_plan_asks_for_a_schema_and_the_version_in_the_same_session()
    {
        await using var server = await FakeSparkConnectServer.StartAsync((q, _) => FakeAnswer.From(new LocalTable().AddStrings("word", ["w"]).AddInt64s("count", [1])));
        using var spark = SparkSession.Connect(server.Endpoint);
        var schema = await spark.SchemaAsync("SELECT word, count(*) AS count FROM t GROUP BY word");
        var version = await spark.VersionAsync();

        Assert.Equal([new SparkSchemaField("word", "string", true), new SparkSchemaField("count", "bigint", false)], schema.Fields);
        Assert.Equal("3.5.5", version);
        Assert.Equal("SELECT word, count(*) AS count FROM t GROUP BY word", server.AnalyzeRequests[0].Schema.Plan.Root.Sql.Query);
        Assert.Equal(AnalyzePlanRequest.AnalyzeOneofCase.SparkVersion, server.AnalyzeRequests[1].AnalyzeCase);
        Assert.All(server.AnalyzeRequests, r => Assert.Equal(spark.SessionId, r.SessionId));
    }

    [Fact]
    public async Task Connection_string_parameters_reach_the_server_as_headers()
    {
        await using var server = await FakeSparkConnectServer.StartAsync();
        using var spark = SparkSession.Connect(SparkConnectEndpoint.Parse($"sc://{server.Endpoint.Authority}/;x-trace=abc;user_agent=lab-4.3"));
        await spark.RangeAsync(0, 1);
        Assert.Contains(("x-trace", "abc"), server.Headers);
        Assert.Equal("lab-4.3", server.ExecuteRequests[0].ClientType);
    }
}
