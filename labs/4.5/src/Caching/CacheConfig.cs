using System.Globalization;

namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>One cache level.</summary>
/// <param name="SizeBytes">Data capacity.</param>
/// <param name="BlockBytes">Block (line) size, a power of two.</param>
/// <param name="Associativity">Ways per set: 1 = direct-mapped, 0 = fully associative.</param>
/// <param name="WriteAllocate">A write miss fetches the block (true) or is forwarded to the next level (false).</param>
/// <param name="HitLatency">Cost of probing this level, in the caller's unit (cycles or ns).</param>
/// <param name="Seed">Seed of random replacement.</param>
public sealed record CacheConfig(
    long SizeBytes,
    int BlockBytes,
    int Associativity,
    Replacement Replacement = Replacement.Lru,
    WritePolicy WritePolicy = WritePolicy.WriteBack,
    bool WriteAllocate = true,
    double HitLatency = 1,
    ulong Seed = 42)
{
    public long Sets => Associativity == 0 ? 1 : SizeBytes / BlockBytes / Associativity;

    public string Describe()
    {
        var ways = Associativity switch { 0 => "fully associative", 1 => "direct-mapped", var w => $"{w}-way" };
        var write = WritePolicy == WritePolicy.WriteBack ? "write-back" : "write-through";
        return $"{FormatBytes(SizeBytes)}, {ways}, {BlockBytes} B blocks, {Replacement.ToString().ToUpperInvariant()}, {write}{(WriteAllocate ? "" : ", no-write-allocate")}";
    }

    public static string FormatBytes(double bytes) => bytes switch
    {
        >= 1 << 30 => (bytes / (1 << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB",
        >= 1 << 20 => (bytes / (1 << 20)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB",
        >= 1 << 10 => (bytes / (1 << 10)).ToString("0.##", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString("0", CultureInfo.InvariantCulture) + " B",
    };
}
