namespace StatelessMind.Harness.Services;

/// <summary>What an orphan sweep did: the folders it removed, the servers it killed, the recorded pids it spared
/// because they now name other processes, and the folders it left, each with why and what to do.</summary>
public sealed class SweepResult
{
    internal List<string> Removed { get; } = [];
    internal List<ProcessIdentity> Killed { get; } = [];
    internal List<ProcessIdentity> Spared { get; } = [];
    internal List<string> Left { get; } = [];

    public IReadOnlyList<string> RemovedFolders => Removed;
    public IReadOnlyList<ProcessIdentity> KilledServers => Killed;
    public IReadOnlyList<ProcessIdentity> SparedProcesses => Spared;

    /// <summary>One sentence per folder left in place: why, and what to do about it.</summary>
    public IReadOnlyList<string> LeftFolders => Left;
}
