using System.Globalization;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>The classic lab's rtiming: ten keys "a".."j"; each reduce reports how many reduce tasks it saw running at once.</summary>
public sealed class ReduceTimingApplication : IMapReduceApplication
{
    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task) =>
        "abcdefghij".Select(c => KeyValuePair.Create(c.ToString(), "1"));

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return ParallelismProbe.Observe("reduce", task).ToString(CultureInfo.InvariantCulture);
    }
}
