using System.Buffers;
using System.Text;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Storage.BTree;

/// <summary>
/// The C B+tree of native/c/btree behind a small .NET surface: 64-bit keys and values, one file,
/// a page cache of <c>cachePages</c> pages. Not thread-safe: one caller at a time (like SortedDictionary).
/// </summary>
public sealed unsafe class NativeBTree : IDisposable
{
    public const int DefaultPageSize = 4096;
    private readonly BTreeHandle _handle;

    private NativeBTree(BTreeHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens or creates the tree in <paramref name="path"/> (an existing file keeps its own page size).</summary>
    /// <exception cref="BTreeException">The file is not a B-tree, its header is corrupt (<see cref="BTreeException.Page"/> 0),
    /// or the arguments are invalid.</exception>
    /// <exception cref="ServiceUnavailableException">libsm_btree has not been built (`make native`).</exception>
    public static NativeBTree Open(string path, int pageSize = DefaultPageSize, int cachePages = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageSize);
        ArgumentOutOfRangeException.ThrowIfNegative(cachePages);
        BTreeNative.EnsureLoaded();
        var err = stackalloc byte[512];
        err[0] = 0;
        int code;
        var handle = BTreeNative.Open(path, (uint)pageSize, (uint)cachePages, &code, err, 512);
        if (handle.IsInvalid)
        {
            handle.SetHandleAsInvalid();
            // Opening reads only the file header: a corruption found there is on page 0.
            throw new BTreeException(code, BTreeNative.Utf8(err), code == BTreeNative.Corrupt ? 0UL : null);
        }
        return new NativeBTree(handle, path);
    }

    /// <summary>Inserts or replaces; true when the key was new.</summary>
    public bool Put(ulong key, ulong value)
    {
        int replaced;
        Throw(BTreeNative.Insert(_handle, key, value, &replaced));
        return replaced == 0;
    }

    public bool TryGet(ulong key, out ulong value)
    {
        ulong v;
        var rc = BTreeNative.Search(_handle, key, &v);
        if (rc < 0) Throw(rc);
        value = v;
        return rc == BTreeNative.Ok;
    }

    /// <summary>Removes the key; false when it was absent.</summary>
    public bool Delete(ulong key)
    {
        var rc = BTreeNative.Delete(_handle, key);
        if (rc < 0) Throw(rc);
        return rc == BTreeNative.Ok;
    }

    /// <summary>Entries with <paramref name="from"/> ≤ key &lt; <paramref name="toExclusive"/> (no upper bound when null), in key order.
    /// The tree may be modified while iterating: the cursor continues after the last key it returned.</summary>
    public IEnumerable<KeyValuePair<ulong, ulong>> Range(ulong from, ulong? toExclusive = null, int batch = 256)
    {
        var keys = ArrayPool<ulong>.Shared.Rent(batch);
        var values = ArrayPool<ulong>.Shared.Rent(batch);
        using var cursor = BTreeNative.CursorOpen(_handle);
        if (cursor.IsInvalid) throw new OutOfMemoryException("btree_cursor_open returned NULL");
        cursor.HoldTree(_handle);
        try
        {
            Throw(BTreeNative.CursorSeek(cursor, from));
            while (true)
            {
                var got = NextBatch(cursor, toExclusive, keys, values, batch);
                if (got == 0) yield break;
                for (var i = 0; i < got; i++) yield return new KeyValuePair<ulong, ulong>(keys[i], values[i]);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(values);
        }
    }

    /// <summary>Sums the values of a range without materialising pairs (the scan of the benchmarks).</summary>
    public (long Count, ulong Sum) ScanSum(ulong from, ulong? toExclusive)
    {
        const int batch = 512;
        var keys = stackalloc ulong[batch];
        var values = stackalloc ulong[batch];
        using var cursor = BTreeNative.CursorOpen(_handle);
        cursor.HoldTree(_handle);
        Throw(BTreeNative.CursorSeek(cursor, from));
        long count = 0;
        ulong sum = 0;
        int got;
        while ((got = BTreeNative.CursorNextBatch(cursor, toExclusive ?? 0, toExclusive is null ? 1 : 0, keys, values, batch)) > 0)
        {
            for (var i = 0; i < got; i++) sum += values[i];
            count += got;
        }
        Throw(got);
        return (count, sum);
    }

    private int NextBatch(BTreeCursorHandle cursor, ulong? toExclusive, ulong[] keys, ulong[] values, int batch)
    {
        fixed (ulong* k = keys)
        fixed (ulong* v = values)
        {
            var got = BTreeNative.CursorNextBatch(cursor, toExclusive ?? 0, toExclusive is null ? 1 : 0, k, v, batch);
            Throw(got);
            return got;
        }
    }

    /// <summary>Writes every dirty page and the header to the file and fsyncs it.</summary>
    public void Sync() => Throw(BTreeNative.Sync(_handle));

    /// <summary>Runs the native invariant checker; null when every invariant holds, else the first violation.</summary>
    public string? CheckInvariants()
    {
        var err = stackalloc byte[512];
        err[0] = 0;
        return BTreeNative.Check(_handle, err, 512) == BTreeNative.Ok ? null : BTreeNative.Utf8(err);
    }

    public BTreeStats Stats()
    {
        BTreeNative.GetStats(_handle, out var s);
        return new BTreeStats(s.Count, (int)s.Height, (int)s.PageSize, (int)s.LeafCapacity, (int)s.InnerCapacity,
            s.PageCount, s.FreePages, s.CacheHits, s.CacheMisses, s.PagesRead, s.PagesWritten);
    }

    private void Throw(int rc)
    {
        if (rc >= 0) return;
        var page = rc == BTreeNative.Corrupt ? BTreeNative.LastErrorPage(_handle) : BTreeNative.NoPage;
        throw new BTreeException(rc, $"{Marshal(BTreeNative.LastError(_handle))} (file '{Path}')", page == BTreeNative.NoPage ? null : page);
    }

    private static string Marshal(IntPtr p) => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(p) ?? "";

    /// <summary>Syncs and closes the file; a failing final sync is reported.</summary>
    public void Dispose()
    {
        if (_handle.IsClosed) return;
        _handle.Dispose();
        if (_handle.CloseResult < 0) throw new BTreeException(_handle.CloseResult, $"closing '{Path}' failed: the final sync did not complete");
    }

    public override string ToString() => new StringBuilder("NativeBTree(").Append(Path).Append(')').ToString();
}
