namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>Planted bugs of the PageRank iteration, for the tests and the experiment to catch.</summary>
public enum PageRankBug
{
    None,

    /// <summary>The rank held by dangling nodes is not handed back to the graph: the ranks leak and no longer sum to 1.</summary>
    DanglingMassDropped,

    /// <summary>The damping factor and its complement are swapped: 0.15 of the rank follows links, 0.85 teleports.</summary>
    DampingSwapped,
}
