using System.Globalization;

namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>
/// The DIMACS shortest-path format (9th DIMACS Implementation Challenge, the road networks' .gr files): comment lines
/// <c>c …</c>, one problem line <c>p sp &lt;vertices&gt; &lt;arcs&gt;</c>, then arcs <c>a &lt;from&gt; &lt;to&gt; &lt;weight&gt;</c>
/// with vertices numbered from 1. A learner with a road network file can run the algorithms on it.
/// </summary>
public static class DimacsGraph
{
    public static WeightedDigraph Parse(TextReader reader)
    {
        WeightedDigraph? graph = null;
        var declaredArcs = 0;
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0] == "c") continue;
            switch (fields[0])
            {
                case "p":
                    if (graph is not null) throw new GraphFormatException(line, text, "a single problem line");
                    if (fields.Length != 4 || fields[1] != "sp" || !int.TryParse(fields[2], CultureInfo.InvariantCulture, out var n) || n < 0
                        || !int.TryParse(fields[3], CultureInfo.InvariantCulture, out declaredArcs) || declaredArcs < 0)
                        throw new GraphFormatException(line, text, "'p sp <vertices> <arcs>' with non-negative integers");
                    graph = new WeightedDigraph(n);
                    break;
                case "a":
                    if (graph is null) throw new GraphFormatException(line, text, "the problem line 'p sp <vertices> <arcs>' before the first arc");
                    if (fields.Length != 4
                        || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var from) || from < 1 || from > graph.VertexCount
                        || !int.TryParse(fields[2], CultureInfo.InvariantCulture, out var to) || to < 1 || to > graph.VertexCount
                        || !double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !double.IsFinite(weight))
                        throw new GraphFormatException(line, text, $"'a <from> <to> <weight>' with vertices 1 … {graph.VertexCount} and a finite weight");
                    graph.AddEdge(from - 1, to - 1, weight);
                    break;
                default:
                    throw new GraphFormatException(line, text, "a line starting with c, p or a");
            }
        }
        if (graph is null) throw new GraphFormatException(line, "(end of file)", "a problem line 'p sp <vertices> <arcs>'");
        if (graph.EdgeCount != declaredArcs) throw new GraphFormatException(line, $"{graph.EdgeCount} arcs", $"{declaredArcs} arcs, as the problem line declares");
        return graph;
    }
}
