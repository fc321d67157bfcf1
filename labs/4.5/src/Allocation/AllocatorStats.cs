namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>sm_get_stats: the heap's size and shape.</summary>
/// <param name="MappedBytes">Address space taken from the OS.</param>
/// <param name="ResidentEstimate">Mapped minus what was given back with madvise (never-touched pages count as given back).</param>
/// <param name="LiveBytes">Bytes of live blocks, at their size-class or block size.</param>
/// <param name="LargestMediumFree">The largest free medium block; with MediumFreeBytes it measures external fragmentation.</param>
public sealed record AllocatorStats(
    long MappedBytes, long PeakMappedBytes, long ResidentEstimate, long LiveBytes, long LiveBlocks,
    long SmallLiveBlocks, long MediumLiveBlocks, long LargeLiveBlocks, long Segments, long CachedBlocks,
    long MediumFreeBytes, long MediumFreeBlocks, long LargestMediumFree)
{
    /// <summary>1 − largest free block / all free medium space: 0 when the free space is one block.</summary>
    public double ExternalFragmentation => MediumFreeBytes == 0 ? 0 : 1 - (double)LargestMediumFree / MediumFreeBytes;
}
