namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>One operation of a write batch: the tree's own copies of the key and value (empty for a deletion).</summary>
internal readonly record struct WriteOperation(byte[] Key, ValueKind Kind, byte[] Value);
