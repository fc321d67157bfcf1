namespace StatelessMind.Labs.ProbabilisticModels.Flows;

/// <summary>Small networks with a known answer, for the tests and the experiment.</summary>
public static class FlowExamples
{
    /// <summary>
    /// s = 0, t = 7, unit capacities. The shortest path s → a → b → t takes arc a → b; the maximum, 2, needs
    /// s → a → d → e → t and s → c → f → b → t, so the second augmenting path must run back along b → a.
    /// Nodes: s 0, a 1, b 2, c 3, d 4, e 5, f 6, t 7. The minimum cut has capacity 2.
    /// </summary>
    public static FlowNetwork NeedsAReverseArc()
    {
        var network = new FlowNetwork("a network that needs a reverse residual arc", 8);
        network.AddArc(0, 1, 1); // s → a
        network.AddArc(1, 2, 1); // a → b
        network.AddArc(2, 7, 1); // b → t
        network.AddArc(1, 4, 1); // a → d
        network.AddArc(4, 5, 1); // d → e
        network.AddArc(5, 7, 1); // e → t
        network.AddArc(0, 3, 1); // s → c
        network.AddArc(3, 6, 1); // c → f
        network.AddArc(6, 2, 1); // f → b
        return network;
    }
}
