using System.Text;
using StatelessMind.Labs.SystemsProgramming.Native;

namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>The C allocator (native/c/allocator) as seen from C#: raw calls, statistics, the heap check.</summary>
public static unsafe class SmAllocator
{
    public static AllocatorStats Statistics
    {
        get
        {
            AllocatorNative.EnsureLoaded();
            AllocatorNative.Stats s;
            AllocatorNative.GetStats(&s);
            return new AllocatorStats((long)s.MappedBytes, (long)s.PeakMappedBytes, (long)s.ResidentEstimate, (long)s.LiveBytes, (long)s.LiveBlocks,
                (long)s.SmallLiveBlocks, (long)s.MediumLiveBlocks, (long)s.LargeLiveBlocks, (long)s.Segments, (long)s.CachedBlocks,
                (long)s.MediumFreeBytes, (long)s.MediumFreeBlocks, (long)s.LargestMediumFree);
        }
    }

    /// <summary>Walks the whole heap; other threads must not allocate meanwhile.</summary>
    public static HeapCheckResult CheckHeap()
    {
        AllocatorNative.EnsureLoaded();
        AllocatorNative.CheckReport r;
        var status = AllocatorNative.HeapCheck(&r);
        var bytes = new ReadOnlySpan<byte>(r.Message, 256);
        var end = bytes.IndexOf((byte)0);
        var message = Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
        return new HeapCheckResult(status == 0, (long)r.BlocksChecked, (long)r.FreeBlocksChecked, message);
    }

    public static IntPtr Allocate(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        AllocatorNative.EnsureLoaded();
        var p = AllocatorNative.Malloc((nuint)size);
        return p != IntPtr.Zero ? p : throw new AllocatorException(AllocatorStatus.OutOfMemory, $"sm_malloc({size}) returned NULL.");
    }

    /// <summary>Frees a raw block and returns what the allocator found — a double or invalid free is reported
    /// (and counted) by the allocator and leaves the heap untouched.</summary>
    public static AllocatorStatus Free(IntPtr block)
    {
        AllocatorNative.EnsureLoaded();
        return (AllocatorStatus)AllocatorNative.FreeChecked(block);
    }

    public static long UsableSize(IntPtr block)
    {
        AllocatorNative.EnsureLoaded();
        return (long)AllocatorNative.UsableSize(block);
    }

    /// <summary>Errors of this kind reported since the process started.</summary>
    public static long ErrorCount(AllocatorStatus status)
    {
        AllocatorNative.EnsureLoaded();
        return (long)AllocatorNative.ErrorCount((int)status);
    }

    /// <summary>Gives unused memory back to the OS; returns the bytes released.</summary>
    public static long Trim()
    {
        AllocatorNative.EnsureLoaded();
        return (long)AllocatorNative.Trim();
    }

    /// <summary>Returns the calling thread's cached small blocks to the shared pool.</summary>
    public static void FlushThreadCache()
    {
        AllocatorNative.EnsureLoaded();
        AllocatorNative.ThreadFlush();
    }
}
