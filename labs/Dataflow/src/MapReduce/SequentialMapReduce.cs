namespace StatelessMind.Dataflow.MapReduce;

/// <summary>The reference the distributed runs are compared with (the classic lab's mrsequential): the application's
/// map over every file, then one reduce per key in key order, in one thread, no files in between.</summary>
public static class SequentialMapReduce
{
    /// <summary>"key value" lines, sorted.</summary>
    public static IReadOnlyList<string> Run(IMapReduceApplication application, IReadOnlyList<string> inputFiles)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(inputFiles);
        var info = new MapReduceTaskInfo("sequential", MapReduceTaskKind.Map, 0, 1, inputFiles.Count, 1, Path.GetTempPath(), Environment.ProcessId);
        var pairs = inputFiles.SelectMany(f => application.Map(f, File.ReadAllText(f), info)).ToList();
        var reduceInfo = info with { Kind = MapReduceTaskKind.Reduce };
        var lines = pairs
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {application.Reduce(g.Key, [.. g.Select(p => p.Value)], reduceInfo)}")
            .ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
