namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>A D1 and LL pair that both cachegrind and the simulator are configured with. cachegrind models
/// set-associative LRU write-allocate caches only; FIFO, random replacement and the write policies are checked
/// against an independent reference model in the tests (CacheReferenceModelTests), not against cachegrind.</summary>
public sealed record CachegrindConfiguration(string Name, CacheConfig D1, CacheConfig LL)
{
    /// <summary>Three configurations: this machine's (48 KiB 12-way, 1 MiB 8-way), a common desktop L1/L2 of an
    /// earlier generation (32 KiB 8-way, 256 KiB 16-way), and a small, low-associativity pair (8 KiB 2-way,
    /// 64 KiB 4-way) where conflict misses dominate. All with 64-byte lines.</summary>
    public static IReadOnlyList<CachegrindConfiguration> All { get; } =
    [
        new("this machine", new CacheConfig(48 * 1024, 64, 12), new CacheConfig(1024 * 1024, 64, 8)),
        new("32K/256K", new CacheConfig(32 * 1024, 64, 8), new CacheConfig(256 * 1024, 64, 16)),
        new("8K 2-way", new CacheConfig(8 * 1024, 64, 2), new CacheConfig(64 * 1024, 64, 4)),
    ];

    public string Describe() => $"{Name}: D1 {D1.Describe()}; LL {LL.Describe()}";
}
