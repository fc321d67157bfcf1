using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace StatelessMind.SparkConnect.Testing;

/// <summary>Errors in the form a Spark Connect server sends them: status INTERNAL, the message, and a google.rpc.ErrorInfo whose
/// reason is the JVM exception class, domain org.apache.spark, metadata "classes" (the class hierarchy as JSON).</summary>
public static class FakeSparkErrors
{
    public const string AnalysisException = "org.apache.spark.sql.AnalysisException";

    /// <summary>An error of <paramref name="exceptionClass"/>; <paramref name="errorClassInMetadata"/> adds "errorClass" and "sqlState" as newer servers do
    /// (older ones carry the error class only at the start of the message).</summary>
    public static RpcException Spark(string errorClass, string message, string exceptionClass = AnalysisException, string? sqlState = null, bool errorClassInMetadata = false)
    {
        var info = new ErrorInfo { Reason = exceptionClass, Domain = "org.apache.spark" };
        info.Metadata["classes"] = $"[\"{exceptionClass}\",\"java.lang.Exception\",\"java.lang.Throwable\"]";
        info.Metadata["errorId"] = Guid.NewGuid().ToString("D");
        if (errorClassInMetadata)
        {
            info.Metadata["errorClass"] = errorClass;
            if (sqlState is not null) info.Metadata["sqlState"] = sqlState;
        }
        var status = new Google.Rpc.Status { Code = (int)Code.Internal, Message = $"[{errorClass}] {message}" };
        status.Details.Add(Any.Pack(info));
        return status.ToRpcException();
    }

    public static RpcException TableOrViewNotFound(string name) =>
        Spark("TABLE_OR_VIEW_NOT_FOUND", $"The table or view `{name}` cannot be found. Verify the spelling and correctness of the schema and catalog.", sqlState: "42P01");
}
