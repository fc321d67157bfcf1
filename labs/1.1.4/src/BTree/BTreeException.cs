namespace StatelessMind.Labs.Storage.BTree;

/// <summary>An error reported by the native B-tree: its code (btree.h) and message (file, page, offset).</summary>
public sealed class BTreeException(int code, string message) : IOException($"B-tree error {code}: {message}")
{
    public int Code { get; } = code;
}
