namespace StatelessMind.Harness.Services;

/// <summary>pg_ctl stop modes: wait for clients, disconnect them, or quit without a checkpoint (crash-like).</summary>
public enum PostgresStopMode
{
    Smart,
    Fast,
    Immediate,
}
