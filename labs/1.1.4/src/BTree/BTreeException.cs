namespace StatelessMind.Labs.Storage.BTree;

/// <summary>An error reported by the native B-tree: its code (btree.h) and message (file, page, offset). A damaged
/// page (code -2, BT_ERR_CORRUPT) also carries its page number: page 0 is the file header.</summary>
public sealed class BTreeException(int code, string message, ulong? page = null)
    : IOException(page is { } p ? $"B-tree error {code} on page {p}: {message}" : $"B-tree error {code}: {message}")
{
    public int Code { get; } = code;

    /// <summary>The page found damaged, when the error is a corruption; null for other errors.</summary>
    public ulong? Page { get; } = page;
}
