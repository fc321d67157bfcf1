using System.Globalization;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>The classic lab's mtiming: each map reports its worker ("times-PID") and how many map tasks it saw
/// running at once ("parallel-N").</summary>
public sealed class MapTimingApplication : IMapReduceApplication
{
    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var n = ParallelismProbe.Observe("map", task);
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        return [KeyValuePair.Create($"times-{task.WorkerPid}", now), KeyValuePair.Create($"parallel-{n}", "1")];
    }

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task) =>
        string.Join(' ', values.Order(StringComparer.Ordinal));
}
