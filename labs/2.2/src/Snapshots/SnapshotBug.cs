namespace StatelessMind.Labs.Transformation.Snapshots;

/// <summary>Mistakes a snapshot implementation can make, planted on purpose (tests only): the history checks must catch each.</summary>
public enum SnapshotBug
{
    None,
    /// <summary>A changed row gets its new version inserted, but the current version is never closed (dbt_valid_to stays null).</summary>
    OldRowNotClosed,
    /// <summary>The check strategy compares only the first of check_cols: a change in any other column is missed.</summary>
    CheckComparesWrongColumns,
    /// <summary>invalidate_hard_deletes is ignored: a row deleted at the source stays current for ever.</summary>
    HardDeletesIgnored,
}
