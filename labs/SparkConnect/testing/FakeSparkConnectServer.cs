using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StatelessMind.SparkConnect.Protocol;

namespace StatelessMind.SparkConnect.Testing;

/// <summary>
/// A Spark Connect server in the test process, on a free loopback port, speaking gRPC over cleartext HTTP/2 as a
/// Spark Connect server does on sc://host:15002. It decodes the client's real request messages (kept in
/// <see cref="ExecuteRequests"/> and <see cref="AnalyzeRequests"/> for the test to inspect), keeps temporary views per
/// session as Spark does, and answers with real Arrow IPC batches. It runs no Spark: SQL is answered by the test's
/// <see cref="FakeSparkSql"/> handler, so it checks a client's protocol code, not Spark's semantics.
/// </summary>
public sealed class FakeSparkConnectServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<IMessage> requests = new();
    private readonly ConcurrentQueue<(string Key, string Value)> headers = new();
    private readonly ConcurrentDictionary<(string User, string Session), FakeSparkSession> sessions = new();
    private readonly FakeSparkSql sql;
    private WebApplication? app;

    private FakeSparkConnectServer(FakeSparkSql sql) => this.sql = sql;

    public SparkConnectEndpoint Endpoint { get; private set; } = null!;

    /// <summary>Rows per arrow_batch message: a larger answer comes in several, as Spark sends one per partition or chunk.</summary>
    public int RowsPerBatch { get; set; } = 1000;

    public string Version { get; set; } = "3.5.5";

    public FakeSparkFault Fault { get; set; }

    public IReadOnlyList<ExecutePlanRequest> ExecuteRequests => [.. requests.OfType<ExecutePlanRequest>()];
    public IReadOnlyList<AnalyzePlanRequest> AnalyzeRequests => [.. requests.OfType<AnalyzePlanRequest>()];

    /// <summary>Every request's session id, in arrival order.</summary>
    public IReadOnlyList<string> SessionIds => [.. requests.Select(r => r switch { ExecutePlanRequest e => e.SessionId, AnalyzePlanRequest a => a.SessionId, _ => "" })];

    /// <summary>The gRPC headers the requests carried (name, value), lower-case names.</summary>
    public IReadOnlyList<(string Key, string Value)> Headers => [.. headers];

    public IReadOnlyCollection<FakeSparkSession> Sessions => [.. sessions.Values];

    public static async Task<FakeSparkConnectServer> StartAsync(FakeSparkSql? sql = null, CancellationToken cancellationToken = default)
    {
        var server = new FakeSparkConnectServer(sql ?? ((_, _) => null));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 256 * 1024 * 1024);
        builder.Services.AddSingleton(server);
        var app = builder.Build();
        app.MapGrpcService<FakeSparkConnectService>();
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.app = app;
        server.Endpoint = SparkConnectEndpoint.Parse($"sc://127.0.0.1:{address.Port}");
        return server;
    }

    /// <summary>Forgets every session, as a restarted server does: views are gone and server-side session ids change.</summary>
    public void Restart() => sessions.Clear();

    internal FakeAnswer? Sql(string query, FakeSparkSession session) => sql(query, session);

    internal FakeSparkSession SessionOf(string? userId, string sessionId)
    {
        if (!Guid.TryParseExact(sessionId, "D", out _))
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, $"INVALID_HANDLE.FORMAT: session id '{sessionId}' is not a UUID."));
        return sessions.GetOrAdd((userId ?? "", sessionId), key => new FakeSparkSession(key.User, key.Session));
    }

    internal void Record(IMessage request, Metadata requestHeaders)
    {
        requests.Enqueue(request);
        foreach (var entry in requestHeaders.Where(h => !h.IsBinary)) headers.Enqueue((entry.Key, entry.Value));
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
