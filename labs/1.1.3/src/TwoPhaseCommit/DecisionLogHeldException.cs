namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>The decision log is held by a live coordinator (its lock file is locked): its prepared transactions are not
/// in doubt, they are being decided, and no recovery may touch them.</summary>
public sealed class DecisionLogHeldException(string path, Exception inner)
    : IOException($"The decision log {path} is held by a live coordinator (the lock on {path}.lock is taken): recovery must wait until that coordinator has stopped.", inner)
{
    public string LogPath { get; } = path;
}
