using System.Globalization;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>
/// The classic lab's jobcount: every map call leaves a file of its own, and the single reduce counts them, so the
/// output says how many times map ran. Each map is held until the test releases it (<c>release-maps</c>), so that
/// idle workers are asking for work while every map task is still running: the moment a scheduler that hands out
/// running tasks again would do so.
/// </summary>
public sealed class JobCountApplication : IMapReduceApplication
{
    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        File.WriteAllText(Path.Combine(task.WorkDirectory, $"mr-worker-jobcount-{task.WorkerPid}-{Guid.NewGuid():N}"), "x");
        TaskHold.Until(() => File.Exists(TaskHold.ReleaseFile(task.WorkDirectory, "maps")), TimeSpan.FromSeconds(30), "the test to release the maps");
        return [KeyValuePair.Create("a", "x")];
    }

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Directory.EnumerateFiles(task.WorkDirectory, "mr-worker-jobcount-*").Count().ToString(CultureInfo.InvariantCulture);
    }
}
