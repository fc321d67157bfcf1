using StatelessMind.Labs.SystemsProgramming.Caching;

namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>
/// The simulator against <see cref="ReferenceCache"/>, an independent textbook model, on mixed read/write traces.
/// This is where FIFO, write-through and no-write-allocate are validated: cachegrind (CachegrindTests) models only
/// LRU write-allocate caches. Every count must agree exactly.
/// </summary>
public sealed class CacheReferenceModelTests(ITestOutputHelper output)
{
    public static TheoryData<string, CacheConfig> Configurations => new()
    {
        { "FIFO write-back", new CacheConfig(4096, 64, 4, Replacement.Fifo, WritePolicy.WriteBack) },
        { "FIFO write-through", new CacheConfig(4096, 64, 4, Replacement.Fifo, WritePolicy.WriteThrough) },
        { "FIFO write-through no-allocate", new CacheConfig(4096, 64, 4, Replacement.Fifo, WritePolicy.WriteThrough, WriteAllocate: false) },
        { "FIFO fully associative", new CacheConfig(2048, 32, 0, Replacement.Fifo, WritePolicy.WriteBack) },
        { "LRU write-through no-allocate", new CacheConfig(4096, 64, 2, Replacement.Lru, WritePolicy.WriteThrough, WriteAllocate: false) },
        { "LRU write-back no-allocate, direct-mapped", new CacheConfig(2048, 32, 1, Replacement.Lru, WritePolicy.WriteBack, WriteAllocate: false) },
    };

    /// <summary>30% writes; addresses from a hot 8 KiB region (70%) and a cold 256 KiB one, 8-byte aligned, so
    /// hits, every kind of miss, dirty evictions and re-references after eviction all occur.</summary>
    private static List<(ulong Address, bool IsWrite)> Trace(int seed, int count = 40_000)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => ((ulong)(rng.Next(100) < 70 ? rng.Next(8 * 1024) : 8 * 1024 + rng.Next(256 * 1024)) & ~7UL, rng.Next(100) < 30))
            .ToList();
    }

    [Theory]
    [Goal("4.5-1")]
    [MemberData(nameof(Configurations))]
    public void The_simulator_counts_exactly_what_the_reference_model_counts(string name, CacheConfig config)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var reference = new ReferenceCache(config);
            using var sim = new CacheHierarchy([config], memoryLatency: 100, classifyMisses: false);
            foreach (var (address, isWrite) in Trace(seed))
            {
                reference.Access(address, isWrite);
                sim.Access(address, 8, isWrite);
            }
            var s = sim.LevelStatistics(0);
            var t = sim.Totals;
            output.WriteLine($"{name}, seed {seed}: hits {s.Hits}/{reference.Hits}, misses {s.Misses}/{reference.Misses}, evictions {s.Evictions}/{reference.Evictions}, " +
                             $"write-backs {s.Writebacks}/{reference.Writebacks}, memory reads {t.MemoryReads}/{reference.MemoryReads}, writes {t.MemoryWrites}/{reference.MemoryWrites}");
            Assert.Equal((reference.Hits, reference.Misses, reference.Evictions, reference.Writebacks), (s.Hits, s.Misses, s.Evictions, s.Writebacks));
            Assert.Equal((reference.MemoryReads, reference.MemoryWrites), (t.MemoryReads, t.MemoryWrites));
        }
    }

    [Fact]
    [Goal("4.5-1")]
    public void The_comparison_tells_the_policies_apart()
    {
        // The check can fail: on these traces, a reference model with another policy disagrees with the simulator.
        var fifo = new CacheConfig(4096, 64, 4, Replacement.Fifo, WritePolicy.WriteBack);
        var pairs = new (CacheConfig Simulated, CacheConfig Modelled)[]
        {
            (fifo, fifo with { Replacement = Replacement.Lru }),
            (fifo, fifo with { WritePolicy = WritePolicy.WriteThrough }),
            (fifo with { WritePolicy = WritePolicy.WriteThrough }, fifo with { WritePolicy = WritePolicy.WriteThrough, WriteAllocate = false }),
        };
        foreach (var (simulated, modelled) in pairs)
        {
            var reference = new ReferenceCache(modelled);
            using var sim = new CacheHierarchy([simulated], memoryLatency: 100, classifyMisses: false);
            foreach (var (address, isWrite) in Trace(1))
            {
                reference.Access(address, isWrite);
                sim.Access(address, 8, isWrite);
            }
            var s = sim.LevelStatistics(0);
            Assert.NotEqual((reference.Misses, reference.MemoryWrites), (s.Misses, sim.Totals.MemoryWrites));
        }
    }
}
