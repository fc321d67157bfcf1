using StatelessMind.Labs.SystemsProgramming.Caching;

namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>The simulator through its C# API, on traces small enough to work out by hand.</summary>
public sealed class CacheSimulatorTests(ITestOutputHelper output)
{
    private static CacheConfig Config(long size, int block, int ways, Replacement r = Replacement.Lru, WritePolicy w = WritePolicy.WriteBack, bool allocate = true, double latency = 1) =>
        new(size, block, ways, r, w, allocate, latency);

    private static void Reads(CacheHierarchy h, params ulong[] addresses)
    {
        foreach (var a in addresses) h.Access(a, 4);
    }

    [Fact]
    [Goal("4.5-1")]
    public void A_direct_mapped_cache_splits_its_misses_into_compulsory_and_conflict()
    {
        // 64 B, 16 B blocks, 4 sets. 0x00 and 0x40 share set 0: C, hit, C, conflict, C (0x10, set 1), conflict.
        using var h = new CacheHierarchy([Config(64, 16, 1)], memoryLatency: 100);
        Reads(h, 0x00, 0x04, 0x40, 0x00, 0x10, 0x40);
        var s = h.LevelStatistics(0);
        Assert.Equal((6L, 1L, 5L), (s.Accesses, s.Hits, s.Misses));
        Assert.Equal((3L, 0L, 2L), (s.Compulsory, s.Capacity, s.Conflict));

        // Two ways per set remove both conflicts.
        using var twoWay = new CacheHierarchy([Config(64, 16, 2)], memoryLatency: 100);
        Reads(twoWay, 0x00, 0x04, 0x40, 0x00, 0x10, 0x40);
        var t = twoWay.LevelStatistics(0);
        Assert.Equal((3L, 3L, 0L), (t.Misses, t.Compulsory, t.Conflict));
    }

    [Fact]
    [Goal("4.5-1")]
    public void A_block_evicted_from_a_full_fully_associative_cache_misses_for_capacity()
    {
        using var h = new CacheHierarchy([Config(32, 16, 0)], memoryLatency: 100);
        Reads(h, 0x00, 0x10, 0x20, 0x00);
        var s = h.LevelStatistics(0);
        Assert.Equal((4L, 3L, 1L, 0L), (s.Misses, s.Compulsory, s.Capacity, s.Conflict));
    }

    [Fact]
    [Goal("4.5-1")]
    public void Lru_keeps_the_recently_used_block_that_Fifo_evicts()
    {
        ulong[] trace = [0x00, 0x10, 0x00, 0x20, 0x00];
        using var lru = new CacheHierarchy([Config(32, 16, 0, Replacement.Lru)], 100);
        using var fifo = new CacheHierarchy([Config(32, 16, 0, Replacement.Fifo)], 100);
        Reads(lru, trace);
        Reads(fifo, trace);
        Assert.Equal(3, lru.LevelStatistics(0).Misses);
        Assert.Equal(4, fifo.LevelStatistics(0).Misses);
    }

    [Fact]
    [Goal("4.5-1")]
    public void Two_levels_give_the_textbook_average_memory_access_time()
    {
        // 111 + 1 + 111 + 11 = 234 over 4 accesses = 1 + 3/4 · (10 + 2/3 · 100) = 58.5
        using var h = new CacheHierarchy([Config(64, 16, 1, latency: 1), Config(256, 16, 0, latency: 10)], memoryLatency: 100);
        int[] served = [h.Access(0x00), h.Access(0x00), h.Access(0x40), h.Access(0x00)];
        Assert.Equal([2, 0, 2, 1], served);
        Assert.Equal(58.5, h.Totals.Amat, 9);
        Assert.Equal([1L, 1L, 2L], h.Totals.ServedBy);
    }

    [Fact]
    [Goal("4.5-1")]
    public void Write_back_writes_memory_once_per_dirty_eviction_and_write_through_on_every_write()
    {
        long MemoryWrites(WritePolicy policy, bool allocate)
        {
            using var h = new CacheHierarchy([Config(32, 16, 1, w: policy, allocate: allocate)], 100);
            foreach (var a in new ulong[] { 0x00, 0x00, 0x20 }) h.Access(a, 4, isWrite: true);
            return h.Totals.MemoryWrites;
        }
        Assert.Equal(1, MemoryWrites(WritePolicy.WriteBack, true));
        Assert.Equal(3, MemoryWrites(WritePolicy.WriteThrough, true));
        Assert.Equal(3, MemoryWrites(WritePolicy.WriteThrough, false));
    }

    [Fact]
    [Goal("4.5-1")]
    public void Column_major_traversal_misses_on_every_read_where_row_major_misses_once_per_block()
    {
        using var row = new CacheHierarchy([Config(4096, 64, 1)], 100);
        using var col = new CacheHierarchy([Config(4096, 64, 1)], 100);
        Assert.Equal(4096, row.Run(AccessPattern.RowMajor(64)));
        col.Run(AccessPattern.ColumnMajor(64));
        output.WriteLine($"row-major misses {row.LevelStatistics(0).Misses}, column-major {col.LevelStatistics(0).Misses}");
        Assert.Equal(512, row.LevelStatistics(0).Misses);
        Assert.Equal(4096, col.LevelStatistics(0).Misses);
    }

    [Fact]
    [Goal("4.5-1")]
    public void Blocking_the_matrix_multiply_cuts_its_misses()
    {
        var l1 = Config(8 * 1024, 64, 4);
        using var naive = new CacheHierarchy([l1], 100);
        using var blocked = new CacheHierarchy([l1], 100);
        naive.Run(AccessPattern.MatMulNaive(64));
        blocked.Run(AccessPattern.MatMulBlocked(64, 8));
        var (n, b) = (naive.LevelStatistics(0), blocked.LevelStatistics(0));
        output.WriteLine($"naive: {n.Misses} misses ({n.MissRate:P2}), blocked: {b.Misses} ({b.MissRate:P2})");
        Assert.True(b.Misses * 3 < n.Misses);
    }

    [Fact]
    [Goal("4.5-1")]
    public void Trace_files_are_read_and_a_bad_line_is_reported_with_its_position()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# lackey style and plain style\nI  0400d7d4,8\n L 0,8\n S 40,8\n M 0,4\nR 0x1000\nW 1000 8\n");
            using var h = new CacheHierarchy([Config(64, 16, 1)], 100);
            Assert.Equal(6, h.RunTraceFile(path));
            Assert.Equal((3L, 3L), (h.LevelStatistics(0).Reads, h.LevelStatistics(0).Writes));

            File.WriteAllText(path, "R 0x10\nW 0x20 8\nX 0x30\n");
            var e = Assert.Throws<TraceFormatException>(() => h.RunTraceFile(path));
            Assert.Contains($"{path}:3:", e.Message, StringComparison.Ordinal);
            Assert.Contains("unknown operation 'X'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    [Goal("4.5-1")]
    public void A_bad_configuration_is_rejected_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => new CacheHierarchy([Config(1024, 48, 1)], 100));
        Assert.Contains("power of two", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new CacheHierarchy([Config(1024, 64, 2), Config(4096, 64, 3)], 100));
        Assert.Contains("L2", e.Message, StringComparison.Ordinal);
    }
}
