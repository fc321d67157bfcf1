namespace StatelessMind.Harness.Services;

/// <summary>What stopping the servers of one service folder did: the servers killed, the recorded pids spared because
/// they now name other processes, and the servers still running (which keep the folder in place).</summary>
public sealed class ServerStopOutcome
{
    internal List<ProcessIdentity> Killed { get; } = [];
    internal List<ProcessIdentity> Spared { get; } = [];
    internal List<ProcessIdentity> StillRunning { get; } = [];

    public IReadOnlyList<ProcessIdentity> KilledServers => Killed;
    public IReadOnlyList<ProcessIdentity> SparedProcesses => Spared;
    public IReadOnlyList<ProcessIdentity> ServersStillRunning => StillRunning;
}
