using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce;

/// <summary>Word count as a MapReduce application for the worker processes (the classic lab's wc plugin): the
/// map and reduce functions of <see cref="WordCount"/>, the reduce serving as the combiner too.</summary>
public sealed class WordCountApplication : IMapReduceApplication, IMapReduceCombiner
{
    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task) =>
        WordCount.Map(contents).Select(p => KeyValuePair.Create(p.Word, WordCount.Format(p.One)));

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task) =>
        WordCount.Format(WordCount.Reduce([.. values.Select(WordCount.Parse)]));

    public string Combine(string key, IReadOnlyList<string> values) => Reduce(key, values, null!);
}

/// <summary>The same application with the planted bug: reduce (also used as the combiner) counts values.</summary>
public sealed class ValueCountingWordCountApplication : IMapReduceApplication, IMapReduceCombiner
{
    public IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task) =>
        new WordCountApplication().Map(fileName, contents, task);

    public string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task) =>
        WordCount.Format(WordCount.Reduce([.. values.Select(WordCount.Parse)], WordCountBug.ReduceCountsValues));

    public string Combine(string key, IReadOnlyList<string> values) => Reduce(key, values, null!);
}
