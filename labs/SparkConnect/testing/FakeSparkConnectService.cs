using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Google.Protobuf;
using Grpc.Core;
using StatelessMind.SparkConnect.Protocol;

namespace StatelessMind.SparkConnect.Testing;

/// <summary>The gRPC service of <see cref="FakeSparkConnectServer"/>: ExecutePlan (SQL by the test's handler, range, read of a
/// view, create a temporary view from a local relation) and AnalyzePlan (schema, version), with Spark's session scoping.</summary>
internal sealed class FakeSparkConnectService(FakeSparkConnectServer server) : SparkConnectService.SparkConnectServiceBase
{
    public override async Task ExecutePlan(ExecutePlanRequest request, IServerStreamWriter<ExecutePlanResponse> responseStream, ServerCallContext context)
    {
        server.Record(request, context.RequestHeaders);
        var session = server.SessionOf(request.UserContext?.UserId, request.SessionId);
        var operationId = request.HasOperationId ? request.OperationId : Guid.NewGuid().ToString("D");
        var answer = request.Plan?.OpTypeCase switch
        {
            Plan.OpTypeOneofCase.Root => Answer(request.Plan.Root, session),
            Plan.OpTypeOneofCase.Command => Run(request.Plan.Command, session),
            _ => throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "The request has no plan.")),
        };
        ExecutePlanResponse Response() => new()
        {
            SessionId = server.Fault == FakeSparkFault.AnswerForAnotherSession ? Guid.NewGuid().ToString("D") : request.SessionId,
            ServerSideSessionId = session.ServerSideSessionId,
            OperationId = operationId,
            ResponseId = Guid.NewGuid().ToString("D"),
        };
        if (answer is not null)
            foreach (var (rows, data) in ArrowMessages(answer.Rows, server.RowsPerBatch))
            {
                var response = Response();
                response.ArrowBatch = new ExecutePlanResponse.Types.ArrowBatch
                {
                    RowCount = rows + (server.Fault == FakeSparkFault.MisreportRowCount ? 1 : 0),
                    Data = ByteString.CopyFrom(data),
                };
                await responseStream.WriteAsync(response, context.CancellationToken);
            }
        var complete = Response();
        complete.ResultComplete = new ExecutePlanResponse.Types.ResultComplete();
        await responseStream.WriteAsync(complete, context.CancellationToken);
    }

    public override Task<AnalyzePlanResponse> AnalyzePlan(AnalyzePlanRequest request, ServerCallContext context)
    {
        server.Record(request, context.RequestHeaders);
        var session = server.SessionOf(request.UserContext?.UserId, request.SessionId);
        var response = new AnalyzePlanResponse { SessionId = request.SessionId, ServerSideSessionId = session.ServerSideSessionId };
        switch (request.AnalyzeCase)
        {
            case AnalyzePlanRequest.AnalyzeOneofCase.SparkVersion:
                response.SparkVersion = new AnalyzePlanResponse.Types.SparkVersion { Version = server.Version };
                break;
            case AnalyzePlanRequest.AnalyzeOneofCase.Schema:
                var answer = Answer(request.Schema.Plan?.Root ?? throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "No plan to analyse.")), session);
                response.Schema = new AnalyzePlanResponse.Types.Schema { Schema_ = SparkType(answer!.Rows.Schema) };
                break;
            default:
                throw new RpcException(new Grpc.Core.Status(StatusCode.Unimplemented, $"AnalyzePlan {request.AnalyzeCase} is not served by the in-process server."));
        }
        return Task.FromResult(response);
    }

    private FakeAnswer? Answer(Relation relation, FakeSparkSession session) => relation.RelTypeCase switch
    {
        Relation.RelTypeOneofCase.Sql => server.Sql(relation.Sql.Query, session)
            ?? throw FakeSparkErrors.Spark("UNSUPPORTED_FEATURE", $"The in-process test server answers only the queries its test gives it, not: {relation.Sql.Query}"),
        Relation.RelTypeOneofCase.Range => RangeAnswer(relation.Range),
        Relation.RelTypeOneofCase.Read when relation.Read.ReadTypeCase == Read.ReadTypeOneofCase.NamedTable =>
            Concatenate(session.View(relation.Read.NamedTable.UnparsedIdentifier)),
        _ => throw new RpcException(new Grpc.Core.Status(StatusCode.Unimplemented, $"Relation {relation.RelTypeCase} is not served by the in-process server.")),
    };

    private static FakeAnswer? Run(Command command, FakeSparkSession session)
    {
        if (command.CommandTypeCase != Command.CommandTypeOneofCase.CreateDataframeView)
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unimplemented, $"Command {command.CommandTypeCase} is not served by the in-process server."));
        var view = command.CreateDataframeView;
        if (view.Input?.RelTypeCase != Relation.RelTypeOneofCase.LocalRelation || !view.Input.LocalRelation.HasData)
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "The in-process server makes views of local relations with data only."));
        var batches = new List<RecordBatch>();
        using (var reader = new ArrowStreamReader(view.Input.LocalRelation.Data.Memory))
            while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
        if (!session.TryAddView(view.Name, batches, view.Replace))
            throw FakeSparkErrors.Spark("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", $"Cannot create the temporary view `{view.Name}` because it already exists.");
        return null;
    }

    private static FakeAnswer RangeAnswer(Protocol.Range range)
    {
        var ids = new Int64Array.Builder();
        for (var id = range.HasStart ? range.Start : 0; range.Step > 0 ? id < range.End : id > range.End; id += range.Step) ids.Append(id);
        var array = ids.Build();
        return new FakeAnswer(new RecordBatch(new Schema([new Field("id", Int64Type.Default, false)], null), [array], array.Length));
    }

    private static FakeAnswer Concatenate(IReadOnlyList<RecordBatch> batches)
    {
        if (batches.Count == 1) return new FakeAnswer(batches[0]);
        throw new RpcException(new Grpc.Core.Status(StatusCode.Unimplemented, "The in-process server reads back views sent as one record batch."));
    }

    /// <summary>The answer as Spark sends it: one Arrow IPC stream (schema + batch) per arrow_batch message; an empty answer is one message with no rows.</summary>
    internal static IEnumerable<(long Rows, byte[] Data)> ArrowMessages(RecordBatch rows, int rowsPerBatch)
    {
        for (var offset = 0; offset == 0 || offset < rows.Length; offset += rowsPerBatch)
        {
            var length = Math.Min(rowsPerBatch, rows.Length - offset);
            var slice = rows.Slice(offset, length);
            using var stream = new MemoryStream();
            using (var writer = new ArrowStreamWriter(stream, rows.Schema, leaveOpen: true))
            {
                writer.WriteRecordBatch(slice);
                writer.WriteEnd();
            }
            yield return (length, stream.ToArray());
        }
    }

    private static DataType SparkType(Schema schema)
    {
        var type = new DataType { Struct = new DataType.Types.Struct() };
        foreach (var field in schema.FieldsList)
            type.Struct.Fields.Add(new DataType.Types.StructField { Name = field.Name, DataType = SparkType(field.DataType), Nullable = field.IsNullable });
        return type;
    }

    private static DataType SparkType(IArrowType type) => type switch
    {
        Int32Type => new DataType { Integer = new DataType.Types.Integer() },
        Int64Type => new DataType { Long = new DataType.Types.Long() },
        DoubleType => new DataType { Double = new DataType.Types.Double() },
        StringType => new DataType { String = new DataType.Types.String() },
        BooleanType => new DataType { Boolean = new DataType.Types.Boolean() },
        DictionaryType d => SparkType(d.ValueType),
        _ => throw new RpcException(new Grpc.Core.Status(StatusCode.Unimplemented, $"The in-process server has no Spark type for Arrow {type.Name}.")),
    };
}
