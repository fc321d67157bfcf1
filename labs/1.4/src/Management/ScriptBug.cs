namespace StatelessMind.Labs.Relational.Management;

/// <summary>Deliberate mistakes the management scripts can be run with (tests only), through an environment variable
/// the script reads outside its exercise regions. <see cref="None"/> is the scripts as written.</summary>
public enum ScriptBug
{
    None,

    /// <summary>pg-backup.sh dumps straight into the backup file (PG_BACKUP_PLANTED_BUG=write-in-place): a failed dump
    /// leaves a file behind that is no backup.</summary>
    BackupWrittenInPlace,
}
