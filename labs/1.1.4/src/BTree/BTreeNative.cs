using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StatelessMind.Harness;

namespace StatelessMind.Labs.Storage.BTree;

/// <summary>The entry points of libsm_btree (native/c/btree/btree.h), found in native/build/lib.</summary>
internal static unsafe partial class BTreeNative
{
    public const string Library = "sm_btree";
    private static readonly Lock Gate = new();
    private static string? _resolvedPath;

    /// <summary>Registers the resolver once and checks the library exists, with a message that says how to build it.</summary>
    public static void EnsureLoaded()
    {
        if (_resolvedPath is not null) return;
        lock (Gate)
        {
            if (_resolvedPath is not null) return;
            var path = NativeArtifacts.CLibrary(Library);
            NativeLibrary.SetDllImportResolver(typeof(BTreeNative).Assembly, Resolve);
            _resolvedPath = path;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library && _resolvedPath is { } path ? NativeLibrary.Load(path) : IntPtr.Zero;

    public const int Ok = 0;
    public const int NotFound = 1;
    public const int Corrupt = -2;

    /// <summary>btree_last_error_page's answer when the last error names no page.</summary>
    public const ulong NoPage = ulong.MaxValue;

    [LibraryImport(Library, EntryPoint = "btree_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial BTreeHandle Open(string path, uint pageSize, uint cachePages, int* code, byte* errbuf, nuint errlen);

    [LibraryImport(Library, EntryPoint = "btree_close")]
    public static partial int Close(IntPtr tree);

    [LibraryImport(Library, EntryPoint = "btree_sync")]
    public static partial int Sync(BTreeHandle tree);

    [LibraryImport(Library, EntryPoint = "btree_insert")]
    public static partial int Insert(BTreeHandle tree, ulong key, ulong value, int* replaced);

    [LibraryImport(Library, EntryPoint = "btree_search")]
    public static partial int Search(BTreeHandle tree, ulong key, ulong* value);

    [LibraryImport(Library, EntryPoint = "btree_delete")]
    public static partial int Delete(BTreeHandle tree, ulong key);

    [LibraryImport(Library, EntryPoint = "btree_get_stats")]
    public static partial void GetStats(BTreeHandle tree, out NativeStats stats);

    [LibraryImport(Library, EntryPoint = "btree_check")]
    public static partial int Check(BTreeHandle tree, byte* errbuf, nuint errlen);

    [LibraryImport(Library, EntryPoint = "btree_last_error")]
    public static partial IntPtr LastError(BTreeHandle tree);

    [LibraryImport(Library, EntryPoint = "btree_last_error_page")]
    public static partial ulong LastErrorPage(BTreeHandle tree);

    [LibraryImport(Library, EntryPoint = "btree_cursor_open")]
    public static partial BTreeCursorHandle CursorOpen(BTreeHandle tree);

    [LibraryImport(Library, EntryPoint = "btree_cursor_seek")]
    public static partial int CursorSeek(BTreeCursorHandle cursor, ulong key);

    [LibraryImport(Library, EntryPoint = "btree_cursor_next_batch")]
    public static partial int CursorNextBatch(BTreeCursorHandle cursor, ulong endExclusive, int unbounded, ulong* keys, ulong* values, int max);

    [LibraryImport(Library, EntryPoint = "btree_cursor_close")]
    public static partial void CursorClose(IntPtr cursor);

    [StructLayout(LayoutKind.Sequential)]
    public struct NativeStats
    {
        public ulong Count;
        public uint Height;
        public uint PageSize;
        public uint LeafCapacity;
        public uint InnerCapacity;
        public ulong PageCount;
        public ulong FreePages;
        public ulong CacheHits;
        public ulong CacheMisses;
        public ulong PagesRead;
        public ulong PagesWritten;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Utf8(byte* buffer) => Marshal.PtrToStringUTF8((IntPtr)buffer) ?? "";
}
