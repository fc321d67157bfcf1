using System.Runtime.InteropServices;

namespace StatelessMind.Labs.SystemsProgramming.Native;

/// <summary>The entry points of libsm_cachesim (native/c/cachesim/cachesim.h).</summary>
internal static unsafe partial class CacheSimNative
{
    private const string Library = NativeLibraries.CacheSim;

    private static volatile bool _loaded;

    /// <summary>Cheap after the first call: the experiments call it on every operation.</summary>
    public static void EnsureLoaded()
    {
        if (_loaded) return;
        NativeLibraries.EnsureLoaded(Library);
        _loaded = true;
    }

    [LibraryImport(Library, EntryPoint = "sm_hierarchy_create")]
    public static partial CacheHierarchyHandle Create(Config* levels, int levelCount, double memoryLatency, int classify3C, byte* err, nuint errLen);

    [LibraryImport(Library, EntryPoint = "sm_hierarchy_destroy")]
    public static partial void Destroy(IntPtr hierarchy);

    [LibraryImport(Library, EntryPoint = "sm_hierarchy_access")]
    public static partial int Access(CacheHierarchyHandle hierarchy, ulong address, uint size, int isWrite);

    [LibraryImport(Library, EntryPoint = "sm_hierarchy_reset_stats")]
    public static partial void ResetStats(CacheHierarchyHandle hierarchy);

    [LibraryImport(Library, EntryPoint = "sm_hierarchy_level_stats")]
    public static partial int LevelStats(CacheHierarchyHandle hierarchy, int level, Stats* stats);

    [LibraryImport(Library, EntryPoint = "sm_hierarchy_totals")]
    public static partial void Totals(CacheHierarchyHandle hierarchy, HierarchyTotals* totals);

    [LibraryImport(Library, EntryPoint = "sm_run_pattern")]
    public static partial long RunPattern(CacheHierarchyHandle hierarchy, Pattern* pattern);

    [LibraryImport(Library, EntryPoint = "sm_run_trace_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial long RunTraceFile(CacheHierarchyHandle hierarchy, string path, byte* err, nuint errLen);

    [LibraryImport(Library, EntryPoint = "sm_memlat_ns")]
    public static partial double MemoryLatencyNs(ulong spanBytes, ulong strideBytes, ulong steps, ulong seed);

    /// <summary>sm_cache_config.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Config
    {
        public ulong SizeBytes;
        public uint BlockBytes;
        public uint Associativity;
        public int Replacement;
        public int WritePolicy;
        public int WriteAllocate;
        public double HitLatency;
        public ulong Seed;
    }

    /// <summary>sm_cache_stats.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Stats
    {
        public ulong Accesses, Reads, Writes, Hits, Misses, ReadMisses, WriteMisses;
        public ulong Compulsory, Capacity, Conflict, Evictions, Writebacks, WritesForwarded;
    }

    /// <summary>sm_hierarchy_stats (SM_CACHE_MAX_LEVELS = 4, so 5 served_by slots).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct HierarchyTotals
    {
        public ulong CpuAccesses, MemoryReads, MemoryWrites;
        public double TotalLatency, Amat;
        public fixed ulong ServedBy[5];
    }

    /// <summary>sm_pattern.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Pattern
    {
        public int Kind;
        public uint N, ElementBytes, Tile;
        public ulong Base, SpanBytes, StrideBytes, Count, Seed;
    }
}
