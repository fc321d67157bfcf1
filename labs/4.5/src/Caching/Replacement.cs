namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>Which line of a full set a new block evicts.</summary>
public enum Replacement
{
    /// <summary>Least recently used.</summary>
    Lru = 0,

    /// <summary>First in, first out: the oldest block, however recently it was used.</summary>
    Fifo = 1,

    /// <summary>A random line (seeded, reproducible).</summary>
    Random = 2,
}
