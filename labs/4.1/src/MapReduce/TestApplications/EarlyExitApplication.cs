using System.Globalization;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>
/// The classic lab's early_exit: one key per input file. The reduce of the first file's key is slow: it holds until
/// the test releases it (<c>release-slow</c>, or 30 s pass), which the test does only once every other reduce task is
/// done and the other workers are either waiting for work or gone. A worker or coordinator that exits before it
/// finishes has exited while the job was not done.
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
            TaskHold.Until(() => File.Exists(TaskHold.ReleaseFile(task.WorkDirectory, "slow")), TimeSpan.FromSeconds(30), "the test to release the slow reduce");
        return values.Count.ToString(CultureInfo.InvariantCulture);
    }
}
