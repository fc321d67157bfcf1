namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>When a write reaches the next level.</summary>
public enum WritePolicy
{
    /// <summary>Only when the dirty block is evicted.</summary>
    WriteBack = 0,

    /// <summary>At once, on every write.</summary>
    WriteThrough = 1,
}
