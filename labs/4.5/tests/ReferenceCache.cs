using StatelessMind.Labs.SystemsProgramming.Caching;

namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>
/// An independent model of one cache level, written from the textbook definitions only, to check the C simulator
/// where cachegrind cannot (cachegrind models LRU write-allocate caches only): FIFO replacement, write-through and
/// no-write-allocate. Deliberately plain: each set is a list ordered newest or most recently used first, searched
/// linearly; nothing is shared with native/c/cachesim.
/// </summary>
internal sealed class ReferenceCache
{
    private readonly CacheConfig _config;
    private readonly List<(ulong Block, bool Dirty)>[] _sets;
    private readonly int _ways;

    public ReferenceCache(CacheConfig config)
    {
        _config = config;
        var lines = (int)(config.SizeBytes / config.BlockBytes);
        _ways = config.Associativity == 0 ? lines : config.Associativity;
        _sets = Enumerable.Range(0, lines / _ways).Select(_ => new List<(ulong, bool)>()).ToArray();
    }

    public long Hits { get; private set; }
    public long Misses { get; private set; }
    public long Evictions { get; private set; }
    public long Writebacks { get; private set; }
    public long MemoryReads { get; private set; }
    public long MemoryWrites { get; private set; }

    /// <summary>One access inside one block.</summary>
    public void Access(ulong address, bool isWrite)
    {
        var block = address / (ulong)_config.BlockBytes;
        var set = _sets[(int)(block % (ulong)_sets.Length)];
        var at = set.FindIndex(l => l.Block == block);
        var writeBack = _config.WritePolicy == WritePolicy.WriteBack;
        if (at >= 0)
        {
            Hits++;
            var line = set[at];
            if (_config.Replacement == Replacement.Lru)
            {
                set.RemoveAt(at);
                set.Insert(0, line);
                at = 0;
            }
            if (isWrite)
            {
                if (writeBack) set[at] = (line.Block, true);
                else MemoryWrites++;
            }
            return;
        }
        Misses++;
        if (isWrite && !_config.WriteAllocate)
        {
            MemoryWrites++; // the write goes to memory, the cache is untouched
            return;
        }
        MemoryReads++; // the block is fetched (a write miss with allocate reads it too)
        if (set.Count == _ways)
        {
            var victim = set[^1]; // LRU: least recently used; FIFO: first in
            set.RemoveAt(set.Count - 1);
            Evictions++;
            if (victim.Dirty)
            {
                Writebacks++;
                MemoryWrites++;
            }
        }
        set.Insert(0, (block, isWrite && writeBack));
        if (isWrite && !writeBack) MemoryWrites++;
    }
}
