using System.Runtime.InteropServices;
using System.Text;
using StatelessMind.Labs.SystemsProgramming.Native;

namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>
/// A simulated cache hierarchy (native/c/cachesim): L1 → L2 (→ L3) → memory. Feed it single accesses,
/// generated patterns or a trace file, then read each level's hits, misses (split into the three Cs)
/// and the measured average memory access time.
/// </summary>
public sealed unsafe class CacheHierarchy : IDisposable
{
    private readonly CacheHierarchyHandle _handle;

    public CacheHierarchy(IReadOnlyList<CacheConfig> levels, double memoryLatency, bool classifyMisses = true)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count is < 1 or > 4) throw new ArgumentException($"A hierarchy has 1 to 4 levels, not {levels.Count}.", nameof(levels));
        CacheSimNative.EnsureLoaded();
        Levels = levels;
        var native = levels.Select(l => new CacheSimNative.Config
        {
            SizeBytes = checked((ulong)l.SizeBytes),
            BlockBytes = checked((uint)l.BlockBytes),
            Associativity = checked((uint)l.Associativity),
            Replacement = (int)l.Replacement,
            WritePolicy = (int)l.WritePolicy,
            WriteAllocate = l.WriteAllocate ? 1 : 0,
            HitLatency = l.HitLatency,
            Seed = l.Seed,
        }).ToArray();
        var err = stackalloc byte[512];
        fixed (CacheSimNative.Config* p = native)
            _handle = CacheSimNative.Create(p, native.Length, memoryLatency, classifyMisses ? 1 : 0, err, 512);
        if (_handle.IsInvalid)
        {
            _handle.Dispose();
            throw new ArgumentException($"Invalid cache configuration: {Marshal.PtrToStringUTF8((IntPtr)err)}.", nameof(levels));
        }
    }

    public IReadOnlyList<CacheConfig> Levels { get; }

    /// <summary>One access; returns the level that served it (Levels.Count = memory).</summary>
    public int Access(ulong address, int size = 8, bool isWrite = false) => CacheSimNative.Access(_handle, address, (uint)size, isWrite ? 1 : 0);

    /// <summary>Runs a generated pattern; returns the number of accesses it made.</summary>
    public long Run(AccessPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var p = ToNative(pattern);
        var n = CacheSimNative.RunPattern(_handle, &p);
        return n >= 0 ? n : throw new ArgumentException($"The pattern parameters are invalid: {pattern}.", nameof(pattern));
    }

    /// <summary>Runs a trace file ("R 0x1000", " L 7ff0,8" ...); returns the number of accesses.</summary>
    public long RunTraceFile(string path)
    {
        var err = stackalloc byte[512];
        var n = CacheSimNative.RunTraceFile(_handle, path, err, 512);
        return n >= 0 ? n : throw new TraceFormatException(Marshal.PtrToStringUTF8((IntPtr)err) ?? path);
    }

    /// <summary>Zeroes the counters, keeps the contents: measure after a warm-up.</summary>
    public void ResetStatistics() => CacheSimNative.ResetStats(_handle);

    public CacheLevelStats LevelStatistics(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, Levels.Count);
        CacheSimNative.Stats s;
        CacheSimNative.LevelStats(_handle, level, &s);
        return new CacheLevelStats((long)s.Accesses, (long)s.Reads, (long)s.Writes, (long)s.Hits, (long)s.Misses, (long)s.ReadMisses,
            (long)s.WriteMisses, (long)s.Compulsory, (long)s.Capacity, (long)s.Conflict, (long)s.Evictions, (long)s.Writebacks, (long)s.WritesForwarded);
    }

    public HierarchyTotals Totals
    {
        get
        {
            CacheSimNative.HierarchyTotals t;
            CacheSimNative.Totals(_handle, &t);
            var served = new long[Levels.Count + 1];
            for (var i = 0; i < served.Length; i++) served[i] = (long)t.ServedBy[i];
            return new HierarchyTotals((long)t.CpuAccesses, (long)t.MemoryReads, (long)t.MemoryWrites, t.TotalLatency, t.Amat, served);
        }
    }

    public string Describe()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Levels.Count; i++) sb.Append(i == 0 ? "" : " → ").Append('L').Append(i + 1).Append(' ').Append(Levels[i].Describe());
        return sb.ToString();
    }

    public void Dispose() => _handle.Dispose();

    internal static CacheSimNative.Pattern ToNative(AccessPattern p) => new()
    {
        Kind = (int)p.Kind,
        N = checked((uint)p.N),
        ElementBytes = checked((uint)p.ElementBytes),
        Tile = checked((uint)p.Tile),
        Base = p.Base,
        SpanBytes = checked((ulong)p.SpanBytes),
        StrideBytes = checked((ulong)p.StrideBytes),
        Count = checked((ulong)p.Count),
        Seed = p.Seed,
    };
}
