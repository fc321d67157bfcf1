using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce;

/// <summary>
/// The second application of the classic lab (its indexer plugin): for every word, the documents it occurs in.
/// Map emits (word, document) once per distinct word of the document; reduce gives "N doc1,doc2,…" with the
/// documents sorted and each named once. The document is the input file's name without its folder.
/// </summary>
public sealed class InvertedIndexApplication : IMapReduceApplication
{
    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(contents);
        var document = Path.GetFileName(fileName);
        return AsciiWords.Split(contents).Distinct(StringComparer.Ordinal).Select(w => KeyValuePair.Create(w, document));
    }

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(values);
        var documents = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return $"{documents.Count} {string.Join(',', documents)}";
    }
}
