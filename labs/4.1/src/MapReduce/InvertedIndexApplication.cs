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
        #region Exercise 4.1-1b: one (word, document) pair per distinct word of the document (tests: InvertedIndexTests)
        var document = Path.GetFileName(fileName);
        return AsciiWords.Split(contents).Distinct(StringComparer.Ordinal).Select(w => KeyValuePair.Create(w, document));
        #endregion
    }

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(values);
        #region Exercise 4.1-1b: the number of documents and their sorted names, each once (tests: InvertedIndexTests)
        var documents = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return $"{documents.Count} {string.Join(',', documents)}";
        #endregion
    }
}
