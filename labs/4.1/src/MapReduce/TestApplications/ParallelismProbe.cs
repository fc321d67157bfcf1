using System.Collections.Concurrent;
using System.Globalization;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>
/// How the classic lab's timing applications see parallelism for themselves: a running task leaves a marker file
/// named after its worker's pid in the shared folder, and counts the markers of workers that are alive. Here a
/// task waits (up to a deadline) until it sees a second worker's marker, so that a correct scheduler shows 2 at
/// once and a scheduler that runs one task at a time shows 1 — with no sleep deciding the outcome.
/// </summary>
internal static class ParallelismProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);
    private static readonly ConcurrentDictionary<string, int> SeenByTask = new();

    /// <summary>The most workers seen in <paramref name="phase"/> at once by this task (measured on its first call).</summary>
    public static int Observe(string phase, Dataflow.MapReduce.MapReduceTaskInfo task)
    {
        var key = $"{task.TaskId}/{task.Attempt}";
        if (SeenByTask.TryGetValue(key, out var seen)) return seen;
        var marker = Path.Combine(task.WorkDirectory, $"mr-worker-{phase}-{Environment.ProcessId}");
        File.WriteAllText(marker, "x");
        try
        {
            TaskHold.Until(() => LiveWorkers(task.WorkDirectory, phase) >= 2, Deadline, $"a second {phase} task running");
            return SeenByTask[key] = LiveWorkers(task.WorkDirectory, phase);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    private static int LiveWorkers(string directory, string phase) =>
        Directory.EnumerateFiles(directory, $"mr-worker-{phase}-*")
            .Select(f => int.TryParse(Path.GetFileName(f)[$"mr-worker-{phase}-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Count(HostCommands.IsAlive);
}
