namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>How two vector clocks (and so two versions) relate.</summary>
public enum ClockOrder
{
    /// <summary>The first happened before the second: the second supersedes it.</summary>
    Before,

    /// <summary>The first happened after the second.</summary>
    After,

    Equal,

    /// <summary>Neither saw the other: two writes made without knowing of each other, both to be kept (siblings).</summary>
    Concurrent,
}
