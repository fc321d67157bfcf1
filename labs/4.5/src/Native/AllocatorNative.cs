using System.Runtime.InteropServices;

namespace StatelessMind.Labs.SystemsProgramming.Native;

/// <summary>The entry points of libsm_alloc (native/c/allocator/sm_alloc.h).</summary>
internal static unsafe partial class AllocatorNative
{
    private const string Library = NativeLibraries.Allocator;

    private static volatile bool _loaded;

    /// <summary>Cheap after the first call: the experiments call it on every operation.</summary>
    public static void EnsureLoaded()
    {
        if (_loaded) return;
        NativeLibraries.EnsureLoaded(Library);
        _loaded = true;
    }

    [LibraryImport(Library, EntryPoint = "sm_malloc")]
    public static partial IntPtr Malloc(nuint size);

    [LibraryImport(Library, EntryPoint = "sm_calloc")]
    public static partial IntPtr Calloc(nuint count, nuint size);

    [LibraryImport(Library, EntryPoint = "sm_realloc")]
    public static partial IntPtr Realloc(IntPtr block, nuint size);

    [LibraryImport(Library, EntryPoint = "sm_free")]
    public static partial void Free(IntPtr block);

    [LibraryImport(Library, EntryPoint = "sm_free_checked")]
    public static partial int FreeChecked(IntPtr block);

    [LibraryImport(Library, EntryPoint = "sm_usable_size")]
    public static partial nuint UsableSize(IntPtr block);

    [LibraryImport(Library, EntryPoint = "sm_get_stats")]
    public static partial void GetStats(Stats* stats);

    [LibraryImport(Library, EntryPoint = "sm_heap_check")]
    public static partial int HeapCheck(CheckReport* report);

    [LibraryImport(Library, EntryPoint = "sm_trim")]
    public static partial ulong Trim();

    [LibraryImport(Library, EntryPoint = "sm_thread_flush")]
    public static partial void ThreadFlush();

    [LibraryImport(Library, EntryPoint = "sm_error_count")]
    public static partial ulong ErrorCount(int status);

    /// <summary>sm_stats.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Stats
    {
        public ulong MappedBytes, PeakMappedBytes, ResidentEstimate, LiveBytes, LiveBlocks;
        public ulong SmallLiveBlocks, MediumLiveBlocks, LargeLiveBlocks, Segments, CachedBlocks;
        public ulong MediumFreeBytes, MediumFreeBlocks, LargestMediumFree;
    }

    /// <summary>sm_check_report.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CheckReport
    {
        public int Status;
        public ulong BlocksChecked;
        public ulong FreeBlocksChecked;
        public fixed byte Message[256];
    }
}
