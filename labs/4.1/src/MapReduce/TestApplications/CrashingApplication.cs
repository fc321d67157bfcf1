using System.Collections.Concurrent;
using System.Diagnostics;
using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>
/// The classic lab's crash application: an index of which files each word occurs in, whose map and reduce calls
/// die or stall on the <see cref="CrashSchedule"/>. <see cref="NoCrashApplication"/> computes the same thing without
/// faults: the reference output.
/// </summary>
public sealed class CrashingApplication : IMapReduceApplication
{
    /// <summary>How long a stalled worker stops answering: longer than the timeout the crash tests give a task.</summary>
    public static readonly TimeSpan Stall = TimeSpan.FromSeconds(2);

    private static readonly ConcurrentDictionary<string, int> Calls = new();

    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task)
    {
        MaybeCrash(task);
        return NoCrashApplication.MapWords(fileName, contents);
    }

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task)
    {
        MaybeCrash(task);
        return NoCrashApplication.ReduceFiles(values);
    }

    private static void MaybeCrash(MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var schedule = CrashSchedule.For(task.TaskId, task.Attempt);
        var call = Calls.AddOrUpdate($"{task.TaskId}/{task.Attempt}", 1, (_, n) => n + 1);
        if (call != Math.Min(schedule.AtCall, task.Kind == MapReduceTaskKind.Map ? 1 : schedule.AtCall)) return;
        switch (schedule.Action)
        {
            case CrashAction.Die:
                Process.GetCurrentProcess().Kill(); // SIGKILL: no cleanup, no goodbye to the coordinator
                break;
            case CrashAction.Stall:
                Thread.Sleep(Stall); // a stuck worker (a long GC pause, a swapped-out machine): it says nothing, then carries on
                break;
        }
    }
}

/// <summary>The crash application's computation without faults.</summary>
public sealed class NoCrashApplication : IMapReduceApplication
{
    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task) => MapWords(fileName, contents);

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task) => ReduceFiles(values);

    internal static IEnumerable<KeyValuePair<string, string>> MapWords(string fileName, string contents) =>
        AsciiWords.Split(contents).Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal)
            .Select(w => KeyValuePair.Create(w, Path.GetFileName(fileName)));

    internal static string ReduceFiles(IReadOnlyList<string> values) => string.Join(' ', values.Order(StringComparer.Ordinal));
}
