namespace StatelessMind.Labs.Orchestration.XComs;

/// <summary>An XCom value larger than the store's limit. XComs carry small results (ids, counts, paths), not data sets.</summary>
public sealed class XComTooLargeException(string taskInstance, string key, int bytes, int limit)
    : Exception($"XCom '{key}' of {taskInstance} is {bytes:N0} bytes, over the limit of {limit:N0} bytes. " +
                "Write the data to a table or file and push its location instead.")
{
    public int Bytes { get; } = bytes;
    public int Limit { get; } = limit;
}
