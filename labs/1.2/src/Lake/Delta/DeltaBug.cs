namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>Planted bugs, each breaking one safety property of the table on purpose; the tests and the experiment must catch each.</summary>
public enum DeltaBug
{
    None,
    /// <summary>A commit is written with a plain PUT instead of create-if-absent: a racing writer overwrites a version another writer already committed.</summary>
    CommitOverwritesExistingVersion,
    /// <summary>A read replays <c>add</c> actions and skips <c>remove</c>: files taken out of the table are read again.</summary>
    ReadIgnoresRemoves,
    /// <summary>Vacuum keeps only the files added by the latest commit, deleting files earlier commits added that are still in the table.</summary>
    VacuumDeletesReferencedFiles,
}
