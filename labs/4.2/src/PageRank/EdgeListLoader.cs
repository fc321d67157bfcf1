using System.Globalization;

namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>
/// Reads a plain edge list in the SNAP style: lines starting with '#' are comments, blank lines are skipped, and every
/// other line is "from&lt;TAB&gt;to" (any run of spaces or tabs separates the two ids). Ids are integers ≥ 0, possibly
/// sparse; they are numbered densely in order of first appearance. A bad line raises <see cref="EdgeListFormatException"/>
/// with the file and the line number.
/// </summary>
public static class EdgeListLoader
{
    public static LoadedGraph Load(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static LoadedGraph Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var index = new Dictionary<long, int>();
        var ids = new List<long>();
        var from = new List<int>();
        var to = new List<int>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#') continue;
            var fields = text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2) throw new EdgeListFormatException(name, number, $"expected two node ids separated by a tab, found {fields.Length} field(s): \"{line}\"");
            from.Add(Node(fields[0]));
            to.Add(Node(fields[1]));
        }
        if (ids.Count == 0) throw new EdgeListFormatException(name, number, "the file holds no edge");
        return new LoadedGraph(CsrGraph.FromEdges(ids.Count, [.. from], [.. to]), ids);

        int Node(string field)
        {
            if (!long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new EdgeListFormatException(name, number, $"\"{field}\" is not a node id (an integer ≥ 0)");
            if (!index.TryGetValue(id, out var dense))
            {
                dense = ids.Count;
                index[id] = dense;
                ids.Add(id);
            }
            return dense;
        }
    }
}
