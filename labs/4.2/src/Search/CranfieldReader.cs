using System.Globalization;

namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// Reads the Cranfield/SMART test-collection formats. Documents and queries are records opened by a line
/// <c>.I id</c>; field lines <c>.T</c>, <c>.A</c>, <c>.B</c>, <c>.W</c> start a field whose text is the lines that follow.
/// Relevance judgments (qrels) are one per line, either <c>query doc grade</c> (Cranfield) or
/// <c>query iteration doc grade</c> (TREC).
/// </summary>
public static class CranfieldReader
{
    private static readonly string[] DocumentFields = [".T", ".A", ".B", ".W"];
    private static readonly string[] QueryFields = [".W"];

    public static IReadOnlyList<CollectionDocument> ReadDocuments(TextReader reader, string file) =>
        ReadRecords(reader, file, DocumentFields).Select(r => new CollectionDocument(r.Id, r.Field(".T"), r.Field(".A"), r.Field(".B"), r.Field(".W"))).ToList();

    public static IReadOnlyList<CollectionQuery> ReadQueries(TextReader reader, string file) =>
        ReadRecords(reader, file, QueryFields).Select(r => new CollectionQuery(r.Id, r.Field(".W"))).ToList();

    public static IReadOnlyList<RelevanceJudgment> ReadJudgments(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var judgments = new List<RelevanceJudgment>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            if (fields.Length is not (3 or 4))
                throw new CranfieldFormatException(file, number, $"expected \"query doc grade\" or \"query iteration doc grade\", found {fields.Length} fields");
            var doc = fields[^2];
            if (!int.TryParse(fields[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var grade))
                throw new CranfieldFormatException(file, number, $"the grade \"{fields[^1]}\" is not an integer");
            judgments.Add(new RelevanceJudgment(fields[0], doc, grade, number));
        }
        return judgments;
    }

    private sealed class Record(string id, int line)
    {
        public string Id { get; } = id;
        public int Line { get; } = line;
        public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);
        public string Field(string tag) => Fields.TryGetValue(tag, out var lines) ? string.Join("\n", lines).Trim() : "";
    }

    private static List<Record> ReadRecords(TextReader reader, string file, string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<Record>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Record? current = null;
        List<string>? field = null;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var trimmed = line.TrimEnd();
            if (trimmed.StartsWith(".I", StringComparison.Ordinal) && (trimmed.Length == 2 || char.IsWhiteSpace(trimmed[2])))
            {
                var id = trimmed[2..].Trim();
                if (id.Length == 0) throw new CranfieldFormatException(file, number, "a record line \".I\" without an id");
                if (!ids.Add(id)) throw new CranfieldFormatException(file, number, $"the id {id} appears twice");
                current = new Record(id, number);
                records.Add(current);
                field = null;
                continue;
            }
            if (trimmed.Length >= 2 && trimmed[0] == '.' && char.IsLetter(trimmed[1]) && (trimmed.Length == 2 || char.IsWhiteSpace(trimmed[2])))
            {
                var tag = trimmed[..2];
                if (!allowed.Contains(tag))
                    throw new CranfieldFormatException(file, number, $"unknown field {tag}: expected .I or one of {string.Join(", ", allowed)}");
                if (current is null) throw new CranfieldFormatException(file, number, $"field {tag} before the first .I record");
                if (current.Fields.ContainsKey(tag)) throw new CranfieldFormatException(file, number, $"field {tag} appears twice in record {current.Id}");
                current.Fields[tag] = field = [];
                var rest = trimmed[2..].Trim();
                if (rest.Length > 0) field.Add(rest);
                continue;
            }
            if (trimmed.Length == 0) continue;
            if (field is null)
                throw new CranfieldFormatException(file, number, current is null ? "text before the first .I record" : $"text in record {current.Id} before any field line");
            field.Add(trimmed);
        }
        if (records.Count == 0) throw new CranfieldFormatException(file, 0, "no .I records");
        return records;
    }
}
