using Grpc.Core;
using Grpc.Net.Client;
using StatelessMind.SparkConnect.Protocol;

namespace StatelessMind.SparkConnect;

/// <summary>
/// One Spark session on a Spark Connect server. Every request carries the same session id and user context, so what
/// one request creates (a temporary view, a setting) is there for the next: that is what a session is on the server.
/// Queries go out as ExecutePlan with a root relation; the rows come back as Arrow batches in the response stream.
/// </summary>
public sealed class SparkSession : IDisposable
{
    private readonly GrpcChannel channel;
    private readonly SparkConnectService.SparkConnectServiceClient client;
    private readonly SparkSessionOptions options;
    private readonly SparkPlans plans = new();
    private readonly Metadata headers;
    private string? serverSideSessionId;

    private SparkSession(SparkConnectEndpoint endpoint, SparkSessionOptions options)
    {
        Endpoint = endpoint;
        this.options = options;
        SessionId = (endpoint.SessionId ?? Guid.NewGuid()).ToString("D");
        UserId = endpoint.UserId ?? Environment.UserName;
        channel = GrpcChannel.ForAddress(endpoint.Address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = options.MaxReceiveMessageBytes,
            MaxSendMessageSize = options.MaxLocalRelationBytes + 1024 * 1024,
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), EnableMultipleHttp2Connections = true },
            DisposeHttpClient = true,
        });
        client = new SparkConnectService.SparkConnectServiceClient(channel);
        headers = CallHeaders(endpoint);
    }

    public SparkConnectEndpoint Endpoint { get; }

    /// <summary>The session's id (a UUID), the same in every request.</summary>
    public string SessionId { get; }

    public string UserId { get; }

    /// <summary>Opens a session on <paramref name="endpoint"/>. No call is made until the first request.</summary>
    public static SparkSession Connect(SparkConnectEndpoint endpoint, SparkSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new SparkSession(endpoint, options ?? new SparkSessionOptions());
    }

    /// <summary>A session on the server <c>SPARK_REMOTE</c> names, or null when it is unset.</summary>
    public static SparkSession? FromEnvironment(SparkSessionOptions? options = null) =>
        SparkConnectEndpoint.FromEnvironment() is { } endpoint ? Connect(endpoint, options) : null;

    /// <summary>Runs a query (or a statement) and returns its rows.</summary>
    public Task<SparkResult> SqlAsync(string query, CancellationToken cancellationToken = default) =>
        ExecuteAsync(plans.Sql(query), cancellationToken);

    /// <summary>The integers start, start+step, … below end, in a column named id.</summary>
    public Task<SparkResult> RangeAsync(long start, long end, long step = 1, int? partitions = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(plans.Range(start, end, step, partitions), cancellationToken);

    /// <summary>Every row of a table or view, by name.</summary>
    public Task<SparkResult> TableAsync(string name, CancellationToken cancellationToken = default) =>
        ExecuteAsync(plans.Table(name), cancellationToken);

    /// <summary>Sends <paramref name="table"/> and makes it the session's temporary view <paramref name="name"/>.</summary>
    public async Task CreateTempViewAsync(string name, LocalTable table, bool replace = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var data = table.ToArrowIpc();
        if (data.Length > options.MaxLocalRelationBytes)
            throw new SparkConnectException(
                $"The table for view '{name}' is {data.Length} bytes of Arrow data, more than the {options.MaxLocalRelationBytes} bytes one request may carry " +
                "(spark.connect.grpc.maxInboundMessageSize is 128 MiB by default): send fewer rows.");
        var result = await ExecuteAsync(plans.CreateTempView(name, data, replace), cancellationToken).ConfigureAwait(false);
        if (result.Rows.Count != 0) throw new SparkConnectProtocolException($"Creating view '{name}' returned {result.Rows.Count} rows; a command returns none.");
    }

    /// <summary>Sends <paramref name="input"/> as the temporary view <paramref name="view"/>, then runs <paramref name="query"/> in the same session.</summary>
    public async Task<SparkResult> QueryOverAsync(string view, LocalTable input, string query, CancellationToken cancellationToken = default)
    {
        await CreateTempViewAsync(view, input, replace: true, cancellationToken).ConfigureAwait(false);
        return await SqlAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema of a query's result, from AnalyzePlan (the query is analysed, not run).</summary>
    public async Task<SparkSchema> SchemaAsync(string query, CancellationToken cancellationToken = default)
    {
        var request = AnalyzeRequest();
        request.Schema = new AnalyzePlanRequest.Types.Schema { Plan = plans.Sql(query) };
        var response = await AnalyzeAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.ResultCase != AnalyzePlanResponse.ResultOneofCase.Schema)
            throw new SparkConnectProtocolException($"AnalyzePlan for a schema answered with {response.ResultCase}.");
        return SparkSchema.From(response.Schema.Schema_);
    }

    /// <summary>The server's Spark version, from AnalyzePlan.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        var request = AnalyzeRequest();
        request.SparkVersion = new AnalyzePlanRequest.Types.SparkVersion();
        var response = await AnalyzeAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.ResultCase != AnalyzePlanResponse.ResultOneofCase.SparkVersion)
            throw new SparkConnectProtocolException($"AnalyzePlan for the version answered with {response.ResultCase}.");
        return response.SparkVersion.Version;
    }

    private async Task<SparkResult> ExecuteAsync(Plan plan, CancellationToken cancellationToken)
    {
        var request = new ExecutePlanRequest
        {
            SessionId = RequestSessionId(),
            UserContext = new UserContext { UserId = UserId, UserName = UserId },
            Plan = plan,
            ClientType = ClientType,
            OperationId = Guid.NewGuid().ToString("D"),
        };
        var batches = new List<(long, ReadOnlyMemory<byte>)>();
        try
        {
            using var call = client.ExecutePlan(request, headers, Deadline(), cancellationToken);
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                var response = call.ResponseStream.Current;
                CheckSession(response.SessionId, response.ServerSideSessionId, request.SessionId);
                if (response.ResponseTypeCase == ExecutePlanResponse.ResponseTypeOneofCase.ArrowBatch)
                    batches.Add((response.ArrowBatch.RowCount, response.ArrowBatch.Data.Memory));
            }
        }
        catch (RpcException e) when (!(e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested))
        {
            throw SparkConnectErrors.From(e, Endpoint, "ExecutePlan");
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        return ArrowResultDecoder.Decode(batches, options.Bug);
    }

    private async Task<AnalyzePlanResponse> AnalyzeAsync(AnalyzePlanRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.AnalyzePlanAsync(request, headers, Deadline(), cancellationToken).ConfigureAwait(false);
            CheckSession(response.SessionId, response.ServerSideSessionId, request.SessionId);
            return response;
        }
        catch (RpcException e) when (!(e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested))
        {
            throw SparkConnectErrors.From(e, Endpoint, "AnalyzePlan");
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private AnalyzePlanRequest AnalyzeRequest() => new()
    {
        SessionId = RequestSessionId(),
        UserContext = new UserContext { UserId = UserId, UserName = UserId },
        ClientType = ClientType,
    };

    private string ClientType => Endpoint.UserAgent ?? options.ClientType;

    private string RequestSessionId() => options.Bug == SparkConnectBug.FreshSessionPerRequest ? Guid.NewGuid().ToString("D") : SessionId;

    private DateTime Deadline() => DateTime.UtcNow + options.CallTimeout;

    /// <summary>Every answer must be for the session asked about; a new server-side session id means the server lost the session (a restart).</summary>
    private void CheckSession(string responseSessionId, string responseServerSideSessionId, string requestSessionId)
    {
        if (responseSessionId.Length > 0 && responseSessionId != requestSessionId)
            throw new SparkConnectProtocolException($"The server answered for session {responseSessionId}; the request was in session {requestSessionId}.");
        if (responseServerSideSessionId.Length == 0) return;
        var seen = Interlocked.CompareExchange(ref serverSideSessionId, responseServerSideSessionId, null);
        if (seen is not null && seen != responseServerSideSessionId)
            throw new SparkConnectProtocolException(
                $"The server's side of session {SessionId} changed ({seen} → {responseServerSideSessionId}): it was restarted, and the session's views are gone.");
    }

    /// <summary>The gRPC headers of every call: the bearer token, and the connection string's other parameters.</summary>
    internal static Metadata CallHeaders(SparkConnectEndpoint endpoint)
    {
        var metadata = new Metadata();
        if (endpoint.Token is not null) metadata.Add("authorization", $"Bearer {endpoint.Token}");
        foreach (var (name, value) in endpoint.Headers) metadata.Add(name, value);
        return metadata;
    }

    public void Dispose() => channel.Dispose();
}
