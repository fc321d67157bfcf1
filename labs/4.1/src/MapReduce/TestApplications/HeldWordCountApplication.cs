using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>Word count whose first map task holds until the test releases it (<c>release-map-0</c>), so that the
/// test can kill its worker while it is certainly mid-task.</summary>
public sealed class HeldWordCountApplication : IMapReduceApplication, IMapReduceCombiner
{
    private readonly WordCountApplication _inner = new();

    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var pairs = _inner.Map(fileName, contents, task).ToList();
        if (task.Number == 0)
            TaskHold.Until(() => File.Exists(TaskHold.ReleaseFile(task.WorkDirectory, "map-0")), TimeSpan.FromSeconds(30), "the test to release map 0");
        return pairs;
    }

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task) => _inner.Reduce(key, values, task);

    public string Combine(string key, IReadOnlyList<string> values) => _inner.Combine(key, values);
}
