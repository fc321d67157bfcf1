namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// Deliberate defects an <see cref="LsmTree"/> can be opened with (<see cref="LsmOptions.Bug"/>), each breaking one
/// property the tests check, so that the tests can be seen to catch it. <see cref="None"/> is the correct tree.
/// Most of them are defects this tree once had.
/// </summary>
public enum StorageBug
{
    None,

    /// <summary>The memtable stores an empty value as a tombstone: <c>Put(k, [])</c> reads back as absent.</summary>
    EmptyValueIsTombstone,

    /// <summary>WAL recovery trusts a record's length without checking the header's checksum, and takes any bad record
    /// for a torn tail: a bit flip in an early length drops every later record.</summary>
    WalHeaderUnchecked,

    /// <summary>The maintenance thread starts before recovery has installed the replayed table and written its
    /// manifest: a compaction can point the manifest past WALs whose data is in no table yet.</summary>
    MaintenanceBeforeRecovery,

    /// <summary>No copy at the API boundary: <c>Write</c> keeps the caller's arrays and <c>Get</c> returns the memtable's.</summary>
    SharedBuffers,

    /// <summary>A failed WAL write or sync is reported to its writer and then forgotten: the next writes are accepted.</summary>
    IoErrorsNotSticky,

    /// <summary>Tables a compaction made obsolete lose their names but stay open until the tree is disposed, so their
    /// space is never freed.</summary>
    ObsoleteTablesKeptOpen,

    /// <summary>Tables a compaction made obsolete are closed and deleted at once, even while a scan still reads them.</summary>
    ObsoleteTablesClosedUnderReaders,

    /// <summary>Scans read the memtable's newest entries instead of those of their sequence number.</summary>
    ScanWithoutSnapshot,

    /// <summary>A flushed or compacted table is not fsynced before the manifest that lists it is written.</summary>
    TableNotSynced,
}
