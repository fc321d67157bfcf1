namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>What an entry records about its key, stored explicitly in the memtable, the WAL and every SSTable:
/// an empty value is a value, not a deletion.</summary>
internal enum ValueKind : byte
{
    /// <summary>A tombstone: the key was deleted (it shadows older values until compaction drops both).</summary>
    Deletion = 0,

    /// <summary>The key holds the entry's value (which may be empty).</summary>
    Value = 1,
}
