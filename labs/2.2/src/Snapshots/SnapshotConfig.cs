using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Snapshots;

/// <summary>
/// A snapshot's <c>config()</c> as dbt 1.8 reads it: where the table goes, the key that identifies a row, and how a
/// change is detected — <c>timestamp</c> (the row's <c>updated_at</c> column moved forward) or <c>check</c> (one of
/// <c>check_cols</c>, or of all columns, differs). <see cref="CheckCols"/> is null for <c>'all'</c>.
/// </summary>
public sealed record SnapshotConfig(string TargetSchema, string UniqueKey, string Strategy, string? UpdatedAt, IReadOnlyList<string>? CheckCols,
    bool InvalidateHardDeletes)
{
    /// <summary>Validates the keyword arguments a snapshot passed to config(), naming its file in any error.</summary>
    public static SnapshotConfig From(string file, IReadOnlyDictionary<string, object?> config)
    {
        string Need(string key) => config.TryGetValue(key, out var v) && v is string s && s.Length > 0
            ? s : throw new DbtProjectException(file, $"snapshot config needs '{key}'");
        var strategy = Need("strategy");
        string? updatedAt = null;
        IReadOnlyList<string>? checkCols = null;
        switch (strategy)
        {
            case "timestamp":
                updatedAt = Need("updated_at");
                break;
            case "check":
                checkCols = config.TryGetValue("check_cols", out var c) ? c switch
                {
                    "all" => null,
                    IEnumerable<object?> list when list.Any() => list.Select(x => x as string ?? throw new DbtProjectException(file, "check_cols holds column names")).ToList(),
                    _ => throw new DbtProjectException(file, "check_cols is 'all' or a list of column names"),
                } : throw new DbtProjectException(file, "the check strategy needs 'check_cols'");
                break;
            default:
                throw new DbtProjectException(file, $"unsupported snapshot strategy '{strategy}' (timestamp, check)");
        }
        var hardDeletes = config.TryGetValue("invalidate_hard_deletes", out var h) && h is true;
        return new SnapshotConfig(Need("target_schema"), Need("unique_key"), strategy, updatedAt, checkCols, hardDeletes);
    }
}
