using System.Runtime.InteropServices;
using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Dataflow.Jobs;

/// <summary>
/// Word count, the layer's reference job: words are maximal runs of ASCII letters (<see cref="AsciiWords"/>), counted
/// case-sensitively. On a dataset it is FlatMap → (word, 1) → ReduceByKey(+) with map-side combine; as a MapReduce
/// application it is the same map and a summing reduce that also serves as the combiner.
/// </summary>
public sealed class WordCountJob : ISqlExpressibleJob<IEnumerable<(string Word, long Count)>>
{
    /// <summary>The counts of a dataset of lines.</summary>
    public static Dataset<(string Word, long Count)> Run(Dataset<string> lines, int? reducers = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines
            .MapPartitions(Pairs) // FlatMap + Map in one pass over the partition
            .ReduceByKey((a, b) => a + b, new Partitioning.HashPartitioner<string>(reducers ?? lines.NumPartitions));
    }

    private static IEnumerable<(string Word, long One)> Pairs(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            foreach (var word in AsciiWords.Split(line))
                yield return (word, 1L);
    }

    /// <summary>The reference: one thread, one dictionary.</summary>
    public static Dictionary<string, long> Sequential(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var line in lines)
            foreach (var word in AsciiWords.Enumerate(line))
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, word, out _);
                slot++;
            }
        return counts;
    }

    public string SparkSql(string inputView) =>
        $"SELECT word, count(*) AS count FROM (SELECT explode(split(value, '[^A-Za-z]+')) AS word FROM {inputView}) " +
        "WHERE word <> '' GROUP BY word ORDER BY word";

    public IReadOnlyList<string> CanonicalRows(IEnumerable<(string Word, long Count)> result) =>
        [.. (result ?? throw new ArgumentNullException(nameof(result))).OrderBy(r => r.Word, StringComparer.Ordinal).Select(r => $"{r.Word}\t{r.Count}")];

    /// <summary>The same job as a MapReduce application for the worker processes.</summary>
    public sealed class Application : IMapReduceApplication, IMapReduceCombiner
    {
        public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task) =>
            AsciiWords.Split(contents).Select(w => KeyValuePair.Create(w, "1"));

        public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task) => Sum(values);

        public string Combine(string key, IReadOnlyList<string> values) => Sum(values);

        private static string Sum(IReadOnlyList<string> values) =>
            values.Sum(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
