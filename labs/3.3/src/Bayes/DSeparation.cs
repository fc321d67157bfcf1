namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>
/// d-separation: whether the graph alone guarantees X ⟂ Y | Z for every choice of tables. A trail is blocked by an
/// observed chain or fork node, and by a collider (→ c ←) unless c or one of its descendants is observed. The search is
/// the reachability ("Bayes ball") algorithm of Koller and Friedman (Algorithm 3.1): walk from X over (node, direction)
/// pairs; Y is d-separated from X given Z when no node of Y is reached.
/// </summary>
public static class DSeparation
{
    public static bool AreSeparated(BayesianNetwork network, IReadOnlyCollection<string> x, IReadOnlyCollection<string> y,
        IReadOnlyCollection<string> z, InferenceBug bug = InferenceBug.None)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(z);
        var observed = z.Select(n => network.Variable(n).Name).ToHashSet(StringComparer.Ordinal);
        // A collider is open when it or a descendant is observed, i.e. when it is an ancestor of (or in) Z.
        var opensColliders = bug == InferenceBug.CollidersNeverOpen ? [] : AncestorsOf(network, observed);
        var reached = Reachable(network, x.Select(n => network.Variable(n).Name), observed, opensColliders);
        return !y.Any(n => reached.Contains(network.Variable(n).Name));
    }

    /// <summary>The nodes in <paramref name="nodes"/> and all their ancestors.</summary>
    public static HashSet<string> AncestorsOf(BayesianNetwork network, IEnumerable<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(network);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(nodes);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!result.Add(node)) continue;
            foreach (var parent in network.Parents(node)) stack.Push(parent.Name);
        }
        return result;
    }

    /// <summary>The nodes reachable from <paramref name="sources"/> by an active trail given <paramref name="observed"/>.</summary>
    /// <param name="opensColliders">The nodes that, as the middle of a v-structure, let the trail through.</param>
    internal static HashSet<string> Reachable(BayesianNetwork network, IEnumerable<string> sources, IReadOnlySet<string> observed, IReadOnlySet<string> opensColliders)
    {
        #region Exercise 3.3-1e: walk (node, direction) pairs from the sources; up means arrived from a child, down from a parent (tests: DSeparationTests)
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<(string Node, bool Up)>();
        var toVisit = new Stack<(string Node, bool Up)>(sources.Select(s => (s, true)));
        while (toVisit.Count > 0)
        {
            var (node, up) = toVisit.Pop();
            if (!visited.Add((node, up))) continue;
            if (!observed.Contains(node)) reached.Add(node);
            if (up && !observed.Contains(node))
            {
                // Arrived from a child: the trail may go on up to a parent (chain) or down to another child (fork).
                foreach (var parent in network.Parents(node)) toVisit.Push((parent.Name, true));
                foreach (var child in network.Children(node)) toVisit.Push((child.Name, false));
            }
            else if (!up)
            {
                // Arrived from a parent: an unobserved node passes it down (chain); a collider turns it back up when open.
                if (!observed.Contains(node))
                    foreach (var child in network.Children(node)) toVisit.Push((child.Name, false));
                if (opensColliders.Contains(node))
                    foreach (var parent in network.Parents(node)) toVisit.Push((parent.Name, true));
            }
        }
        return reached;
        #endregion
    }
}
