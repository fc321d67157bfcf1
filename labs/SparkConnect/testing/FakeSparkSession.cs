using System.Collections.Concurrent;
using Apache.Arrow;

namespace StatelessMind.SparkConnect.Testing;

/// <summary>What the in-process server keeps for one session (user id + session id, as Spark keys its sessions): its temporary views.</summary>
public sealed class FakeSparkSession(string userId, string sessionId)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<RecordBatch>> views = new(StringComparer.OrdinalIgnoreCase);

    public string UserId { get; } = userId;
    public string SessionId { get; } = sessionId;

    /// <summary>The server's own id for this session, sent back in every response (a restarted server has a new one).</summary>
    public string ServerSideSessionId { get; } = Guid.NewGuid().ToString("D");

    public IReadOnlyCollection<string> ViewNames => [.. views.Keys];

    internal bool TryAddView(string name, IReadOnlyList<RecordBatch> batches, bool replace)
    {
        if (replace) { views[name] = batches; return true; }
        return views.TryAdd(name, batches);
    }

    /// <summary>The view's record batches as the client sent them; a view this session does not have fails as Spark fails (TABLE_OR_VIEW_NOT_FOUND).</summary>
    public IReadOnlyList<RecordBatch> View(string name) =>
        views.TryGetValue(name, out var batches) ? batches : throw FakeSparkErrors.TableOrViewNotFound(name);

    /// <summary>The view's rows, decoded as the client decodes results.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows(string name)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var batch in View(name))
            for (var r = 0; r < batch.Length; r++)
            {
                var row = new object?[batch.ColumnCount];
                for (var c = 0; c < batch.ColumnCount; c++) row[c] = ArrowResultDecoder.ValueAt(batch.Column(c), r);
                rows.Add(row);
            }
        return rows;
    }

    /// <summary>The values of one column of the view.</summary>
    public IReadOnlyList<T> Column<T>(string view, string column)
    {
        var batches = View(view);
        var index = batches.Count == 0 ? -1 : batches[0].Schema.GetFieldIndex(column);
        if (index < 0) throw FakeSparkErrors.Spark("UNRESOLVED_COLUMN.WITH_SUGGESTION", $"A column with name `{column}` cannot be resolved.");
        return [.. Rows(view).Select(r => (T)r[index]!)];
    }
}
