using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce.TestApplications;

/// <summary>What the crashing application does in one attempt of one task: nothing, die (the process kills itself
/// with SIGKILL), or stall (stop answering for longer than the task timeout, then carry on). Drawn from a hash of the
/// task and attempt, as the classic lab draws it at random: about a third each; from the fourth attempt on, nothing,
/// so every job ends. The call at which it strikes is drawn too, so reduce tasks die part-way through their output.</summary>
public sealed record CrashSchedule(CrashAction Action, int AtCall)
{
    public const int SafeFromAttempt = 4;

    public static CrashSchedule For(string taskId, int attempt)
    {
        if (attempt >= SafeFromAttempt) return new CrashSchedule(CrashAction.None, 0);
        var h = (uint)SparkMurmur3.HashString($"{taskId}/{attempt}", seed: 1);
        var action = (h % 1000) switch
        {
            < 330 => CrashAction.Die,
            < 660 => CrashAction.Stall,
            _ => CrashAction.None,
        };
        return new CrashSchedule(action, 1 + (int)(h / 1000 % 20));
    }
}

public enum CrashAction
{
    None,
    Die,
    Stall,
}
