namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>
/// Optimistic concurrency's decision, after a lost race: may our transaction, which read an older version, be committed
/// after the winner's commit as if it had read the winner's result? A partition is a data file's folder
/// (<c>day=2025-01-03</c>); <c>*</c> in the read set means the whole table.
/// </summary>
public static class ConflictChecker
{
    public const string WholeTable = "*";

    /// <summary>Why our actions cannot follow the winner's, or null when they can (the writer then retries at the next version).</summary>
    public static string? Find(IReadOnlyList<DeltaAction> ours, IReadOnlySet<string>? readPartitions, IReadOnlyList<DeltaAction> winner)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(winner);
        #region Exercise 1.2-3c: decide whether a transaction conflicts with the commit that won its version (tests: ConflictCheckerTests, DeltaCommitTests, ExperimentTests)
        if (winner.Any(a => a.MetaData is not null || a.Protocol is not null))
            return "that commit changed the table's metadata or protocol";
        var ourRemoves = ours.Where(a => a.Remove is not null).Select(a => a.Remove!.Path).ToHashSet(StringComparer.Ordinal);
        if (winner.FirstOrDefault(a => a.Remove is not null && ourRemoves.Contains(a.Remove.Path)) is { } both)
            return $"both removed {both.Remove!.Path} (concurrent delete)";
        if (readPartitions is null) return null; // A blind append read nothing: any order of appends is serializable.
        bool Read(string path) => readPartitions.Contains(ConflictChecker.WholeTable) || readPartitions.Contains(PartitionOf(path));
        if (winner.FirstOrDefault(a => a.Remove is not null && Read(a.Remove.Path)) is { } deleted)
            return $"it removed {deleted.Remove!.Path}, which this transaction read (concurrent delete-read)";
        if (winner.FirstOrDefault(a => a.Add is { DataChange: true } && Read(a.Add.Path)) is { } added)
            return $"it added {added.Add!.Path} to a partition this transaction read (concurrent append)";
        return null;
        #endregion
    }

    /// <summary>The partition folder of a data file's path (empty for an unpartitioned file).</summary>
    public static string PartitionOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
