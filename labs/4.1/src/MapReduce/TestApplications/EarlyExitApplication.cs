using System.Globalization;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>
/// The classic lab's early_exit: one key per input file. The reduce of the first file's key is slow: it holds
/// until every other reduce task has written its output (or 15 s pass), so it is surely the last task running.
/// A worker or coordinator that exits before it finishes has exited while the job was not done.
/// </summary>
public sealed class EarlyExitApplication : IMapReduceApplication
{
    public const string SlowKey = "input-0.txt";

    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task) =>
        [KeyValuePair.Create(Path.GetFileName(fileName), "1")];

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(values);
        if (key == SlowKey)
            TaskHold.Until(() => Directory.EnumerateFiles(task.WorkDirectory, "mr-out-*").Count(f => !f.Contains(".tmp", StringComparison.Ordinal)) >= task.ReduceTasks - 1,
                TimeSpan.FromSeconds(15), "every other reduce task's output");
        return values.Count.ToString(CultureInfo.InvariantCulture);
    }
}
