using StatelessMind.Harness;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>Holds a map or reduce call until a condition on the shared work folder holds or a deadline passes
/// (the harness's <see cref="Eventually"/>: polled with back-off, never a fixed sleep).</summary>
internal static class TaskHold
{
    /// <summary>True if the condition came true before the deadline.</summary>
    public static bool Until(Func<bool> condition, TimeSpan deadline, string what)
    {
        try
        {
            Eventually.UntilAsync(condition, deadline, what).GetAwaiter().GetResult();
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The name of the file a test creates to let held tasks go on.</summary>
    public static string ReleaseFile(string workDirectory, string name) => Path.Combine(workDirectory, $"release-{name}");
}
