namespace StatelessMind.Labs.Transformation.Docs;

/// <summary>A node of the lineage drawing: its box (top-left corner and size) and its layer (column).</summary>
public sealed record LineageBox(string Id, string Name, string ResourceType, int Layer, double X, double Y, double Width, double Height);

/// <summary>
/// A layered (Sugiyama-style) layout of the lineage graph: each node in the column one past its deepest parent,
/// the nodes of a column ordered by the mean row of their parents (a few sweeps, to uncross edges), then placed on a
/// grid: boxes in one column share x, rows are a box height plus a gap apart, so no two boxes overlap.
/// </summary>
public sealed record LineageLayout(IReadOnlyList<LineageBox> Boxes, IReadOnlyList<(string From, string To)> Edges, double Width, double Height)
{
    public const double BoxHeight = 30, RowGap = 14, ColumnGap = 60, Margin = 16, CharWidth = 7.4;

    /// <param name="nodes">Id, display name and resource type of each node to draw.</param>
    /// <param name="edges">Parent → child pairs among those nodes.</param>
    public static LineageLayout Compute(IReadOnlyList<(string Id, string Name, string ResourceType)> nodes, IReadOnlyList<(string From, string To)> edges)
    {
        var boxWidth = Math.Max(120, nodes.Count == 0 ? 0 : nodes.Max(n => n.Name.Length) * CharWidth + 24);
        var boxes = new List<LineageBox>();
        #region Exercise 2.2-1f: the layered layout: columns by longest path from a root, rows ordered by the parents' rows (tests: LineageLayoutTests, DocsPageTests)
        var parents = nodes.ToDictionary(n => n.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, to) in edges) parents[to].Add(from);
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        int LayerOf(string id, HashSet<string> visiting)
        {
            if (layer.TryGetValue(id, out var known)) return known;
            if (!visiting.Add(id)) throw new InvalidOperationException($"the lineage has a cycle through {id}");
            var value = parents[id].Count == 0 ? 0 : parents[id].Max(p => LayerOf(p, visiting)) + 1;
            visiting.Remove(id);
            return layer[id] = value;
        }
        foreach (var n in nodes) LayerOf(n.Id, new HashSet<string>(StringComparer.Ordinal));
        var columns = nodes.GroupBy(n => layer[n.Id]).OrderBy(g => g.Key)
            .Select(g => g.OrderBy(n => n.ResourceType, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal).ToList()).ToList();
        var row = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var column in columns)
            for (var i = 0; i < column.Count; i++) row[column[i].Id] = i;
        for (var sweep = 0; sweep < 4; sweep++)
            foreach (var column in columns.Skip(1))
            {
                column.Sort((a, b) =>
                {
                    var c = Barycenter(a.Id).CompareTo(Barycenter(b.Id));
                    return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
                });
                for (var i = 0; i < column.Count; i++) row[column[i].Id] = i;
            }
        double Barycenter(string id) => parents[id].Count == 0 ? 0 : parents[id].Average(p => row[p]);
        for (var c = 0; c < columns.Count; c++)
            for (var r = 0; r < columns[c].Count; r++)
            {
                var n = columns[c][r];
                boxes.Add(new LineageBox(n.Id, n.Name, n.ResourceType, c, Margin + c * (boxWidth + ColumnGap), Margin + r * (BoxHeight + RowGap), boxWidth, BoxHeight));
            }
        #endregion
        var rows = boxes.Count == 0 ? 0 : boxes.GroupBy(b => b.Layer).Max(g => g.Count());
        var layers = boxes.Count == 0 ? 0 : boxes.Max(b => b.Layer) + 1;
        return new LineageLayout(boxes, edges, 2 * Margin + layers * boxWidth + Math.Max(0, layers - 1) * ColumnGap,
            2 * Margin + rows * BoxHeight + Math.Max(0, rows - 1) * RowGap);
    }
}
