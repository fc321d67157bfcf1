namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>Deliberate graph-algorithm mistakes (tests only): the cross-checks against QuikGraph must catch each.</summary>
public enum GraphBug
{
    None,

    /// <summary>BFS takes its frontier from a stack: vertices are reached, but not by fewest edges.</summary>
    BfsWithStack,

    /// <summary>Dijkstra takes its frontier in arrival order instead of by distance, and settles what it takes.</summary>
    DijkstraWithFifo,

    /// <summary>Bellman–Ford skips its final pass, so a reachable negative cycle goes unreported.</summary>
    SkipsNegativeCycleCheck,
}
