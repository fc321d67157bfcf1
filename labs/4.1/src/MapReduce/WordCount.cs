using System.Globalization;
using System.Runtime.InteropServices;
using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce;

/// <summary>
/// Word count written out as the four steps of MapReduce on the dataflow layer, each one visible:
/// map (a line becomes (word, 1) pairs), combine (each map task adds up its own pairs per word), shuffle (every
/// pair goes to the partition <c>pmod(hash(word), R)</c>, through buffers that spill to disk past their memory),
/// and reduce (each partition adds up the partial counts of its words). Words are maximal runs of ASCII letters.
/// </summary>
public static class WordCount
{
    /// <summary>The map function: one (word, 1) pair per word of the line.</summary>
    public static IEnumerable<(string Word, long One)> Map(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        #region Exercise 4.1-1a: emit (word, 1) for every maximal run of ASCII letters in the line (tests: WordCountTests)
        foreach (var word in AsciiWords.Split(line)) yield return (word, 1L);
        #endregion
    }

    /// <summary>The combine step of one map task: its pairs added up per word.</summary>
    public static IEnumerable<(string Word, long Count)> Combine(IEnumerable<(string Word, long Count)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (word, count) in pairs)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, word, out _);
            slot += count;
        }
        return counts.Select(kv => (kv.Key, kv.Value));
    }

    /// <summary>The reduce function: the total of a word's partial counts.</summary>
    public static long Sum(IEnumerable<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        #region Exercise 4.1-1a: the word's total is the sum of its partial counts, not how many there are (tests: WordCountTests)
        return counts.Sum();
        #endregion
    }

    /// <summary>The reduce step with its planted mistake switchable: counting values instead of adding them.</summary>
    public static long Reduce(IReadOnlyList<long> counts, WordCountBug bug = WordCountBug.None) =>
        bug == WordCountBug.ReduceCountsValues ? counts.Count : Sum(counts);

    /// <summary>The whole job on the layer: map → combine → shuffle into <paramref name="reducers"/> hash partitions → reduce.</summary>
    public static Dataset<(string Word, long Count)> Run(Dataset<string> lines, int reducers, bool combine = true, WordCountBug bug = WordCountBug.None)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var mapped = lines.MapPartitions(part => part.SelectMany(Map));
        var combined = combine ? mapped.MapPartitions(Combine) : mapped;
        var shuffled = combined.PartitionBy(new HashPartitioner<string>(reducers));
        return shuffled.MapPartitions(part => part
            .GroupBy(p => p.Key, p => p.Value, StringComparer.Ordinal)
            .Select(g => (g.Key, Reduce([.. g], bug))), preservesPartitioning: true);
    }

    /// <summary>The reference: one thread, one dictionary, the same word definition.</summary>
    public static IReadOnlyDictionary<string, long> Sequential(IEnumerable<string> lines) => Dataflow.Jobs.WordCountJob.Sequential(lines);

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static long Parse(string value) => long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
}
