using System.Reflection;

namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// A test collection: documents, queries and graded relevance judgments, each id checked against the others.
/// <see cref="Load"/> reads one from a directory (a real one such as Cranfield, named by <see cref="EnvironmentVariable"/>),
/// <see cref="Shipped"/> the lab's own.
/// </summary>
public sealed record TestCollection(string Name, IReadOnlyList<CollectionDocument> Documents, IReadOnlyList<CollectionQuery> Queries, IReadOnlyList<RelevanceJudgment> Judgments)
{
    /// <summary>A directory holding one document file (name containing ".all"), one query file (".qry") and one qrels file ("qrel" or ".rel").</summary>
    public const string EnvironmentVariable = "SM_IR_COLLECTION";

    public const string ShippedName = "datasys";

    /// <summary>Grades by query id, then by document id (documents not judged are absent, i.e. grade 0).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> GradesByQuery { get; } =
        Judgments.GroupBy(j => j.QueryId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(j => j.DocumentId).ToDictionary(d => d.Key, d => d.Max(j => j.Grade)));

    public IReadOnlyDictionary<string, int> Grades(string queryId) =>
        GradesByQuery.TryGetValue(queryId, out var grades) ? grades : new Dictionary<string, int>();

    /// <summary>Reads the three files and checks that every judgment names a known query and document.</summary>
    public static TestCollection Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: no such directory (set {EnvironmentVariable} to a directory with the .all, .qry and qrels files)");
        var files = Directory.GetFiles(directory);
        string Pick(Func<string, bool> match, string what)
        {
            var found = files.Where(f => match(Path.GetFileName(f).ToLowerInvariant())).ToList();
            return found.Count == 1 ? found[0]
                : throw new CranfieldFormatException(directory, 0, $"expected exactly one {what} file, found {found.Count}: {string.Join(", ", found.Select(Path.GetFileName))}");
        }
        var docs = Pick(n => n.Contains(".all", StringComparison.Ordinal), "document (*.all*)");
        var queries = Pick(n => n.EndsWith(".qry", StringComparison.Ordinal), "query (*.qry)");
        var qrels = Pick(n => n.Contains("qrel", StringComparison.Ordinal) || n.EndsWith(".rel", StringComparison.Ordinal), "judgment (*qrel*, *.rel)");
        using var d = File.OpenText(docs);
        using var q = File.OpenText(queries);
        using var r = File.OpenText(qrels);
        return Validate(Path.GetFileName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)),
            CranfieldReader.ReadDocuments(d, docs), CranfieldReader.ReadQueries(q, queries), CranfieldReader.ReadJudgments(r, qrels), qrels);
    }

    /// <summary>The lab's own collection on data-systems topics, embedded in the assembly.</summary>
    public static TestCollection Shipped()
    {
        using var d = Resource($"{ShippedName}.all");
        using var q = Resource($"{ShippedName}.qry");
        using var r = Resource($"{ShippedName}.rel");
        return Validate(ShippedName, CranfieldReader.ReadDocuments(d, $"{ShippedName}.all"), CranfieldReader.ReadQueries(q, $"{ShippedName}.qry"),
            CranfieldReader.ReadJudgments(r, $"{ShippedName}.rel"), $"{ShippedName}.rel");
    }

    /// <summary>The collection named by <see cref="EnvironmentVariable"/>, else the shipped one.</summary>
    public static TestCollection FromEnvironmentOrShipped() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } dir ? Load(dir) : Shipped();

    public static TestCollection Validate(string name, IReadOnlyList<CollectionDocument> documents, IReadOnlyList<CollectionQuery> queries, IReadOnlyList<RelevanceJudgment> judgments, string judgmentFile)
    {
        var docIds = documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var queryIds = queries.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < judgments.Count; i++)
        {
            if (!queryIds.Contains(judgments[i].QueryId))
                throw new CranfieldFormatException(judgmentFile, judgments[i].Line, $"judgment for query {judgments[i].QueryId}, which the query file does not hold");
            if (!docIds.Contains(judgments[i].DocumentId))
                throw new CranfieldFormatException(judgmentFile, judgments[i].Line, $"judgment of document {judgments[i].DocumentId}, which the document file does not hold");
        }
        return new TestCollection(name, documents, queries, judgments);
    }

    private static StreamReader Resource(string file) =>
        new(typeof(TestCollection).Assembly.GetManifestResourceStream($"data/{file}")
            ?? throw new InvalidOperationException($"the resource data/{file} is not embedded in {typeof(TestCollection).Assembly.GetName().Name}"));
}
