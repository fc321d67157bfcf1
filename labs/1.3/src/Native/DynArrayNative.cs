using System.Reflection;
using System.Runtime.InteropServices;
using StatelessMind.Harness;

namespace StatelessMind.Labs.Programming.Native;

/// <summary>The entry points of libsm_dynarray (native/c/dynarray/dynarray.h), loaded from native/build/lib.</summary>
internal static unsafe partial class DynArrayNative
{
    public const string Library = "sm_dynarray";
    private static readonly Lock Gate = new();
    private static string? _path;

    /// <summary>Registers the resolver once; throws (saying how to build it) if the library is missing.</summary>
    public static void EnsureLoaded()
    {
        if (_path is not null) return;
        lock (Gate)
        {
            if (_path is not null) return;
            var path = NativeArtifacts.CLibrary(Library);
            NativeLibrary.SetDllImportResolver(typeof(DynArrayNative).Assembly, Resolve);
            _path = path;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library && _path is { } path ? NativeLibrary.Load(path) : IntPtr.Zero;

    [LibraryImport(Library, EntryPoint = "da_new")]
    public static partial DynArrayHandle New(nuint elemSize, double growthFactor, nuint growthStep, out int status);

    [LibraryImport(Library, EntryPoint = "da_delete")]
    public static partial void Delete(IntPtr array);

    [LibraryImport(Library, EntryPoint = "da_push")]
    public static partial int Push(DynArrayHandle array, long* element);

    [LibraryImport(Library, EntryPoint = "da_pop")]
    public static partial int Pop(DynArrayHandle array, long* element);

    [LibraryImport(Library, EntryPoint = "da_insert")]
    public static partial int Insert(DynArrayHandle array, nuint index, long* element);

    [LibraryImport(Library, EntryPoint = "da_remove")]
    public static partial int Remove(DynArrayHandle array, nuint index, long* element);

    [LibraryImport(Library, EntryPoint = "da_get")]
    public static partial int Get(DynArrayHandle array, nuint index, long* element);

    [LibraryImport(Library, EntryPoint = "da_set")]
    public static partial int Set(DynArrayHandle array, nuint index, long* element);

    [LibraryImport(Library, EntryPoint = "da_reserve")]
    public static partial int Reserve(DynArrayHandle array, nuint capacity);

    [LibraryImport(Library, EntryPoint = "da_shrink_to_fit")]
    public static partial int ShrinkToFit(DynArrayHandle array);

    [LibraryImport(Library, EntryPoint = "da_len")]
    public static partial nuint Length(DynArrayHandle array);

    [LibraryImport(Library, EntryPoint = "da_capacity")]
    public static partial nuint Capacity(DynArrayHandle array);

    [LibraryImport(Library, EntryPoint = "da_get_counters")]
    public static partial void GetCounters(DynArrayHandle array, Counters* counters);

    [LibraryImport(Library, EntryPoint = "da_strerror")]
    public static partial byte* StatusText(int status);

    [LibraryImport(Library, EntryPoint = "da_measure_growth")]
    public static partial int MeasureGrowth(double growthFactor, nuint growthStep, ulong pushes, GrowthPointNative* points, int maxPoints, GrowthPointNative* worst);

    [LibraryImport(Library, EntryPoint = "da_bench_push_get")]
    public static partial int BenchPushGet(ulong n, int reps, BenchResult* result);

    /// <summary>da_counters.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Counters
    {
        public ulong Pushes;
        public ulong Grows;
        public ulong ElementsCopied;
        public ulong BlockMoves;
        public ulong ElementsMoved;
    }

    /// <summary>da_growth_point.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct GrowthPointNative
    {
        public ulong Pushes;
        public ulong Capacity;
        public ulong Grows;
        public ulong ElementsCopied;
        public ulong ElementsMoved;
    }

    /// <summary>da_bench_result.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BenchResult
    {
        public double PushNsPerOp;
        public double GetNsPerOp;
        public ulong Checksum;
    }
}
