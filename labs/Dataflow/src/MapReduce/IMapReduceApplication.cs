namespace StatelessMind.Dataflow.MapReduce;

/// <summary>
/// A MapReduce application, as in the original paper and the classic lab's plugins: Map turns one input file into
/// (key, value) pairs; Reduce turns all values of one key into the key's output value. Workers load it by type
/// name from its assembly, so it needs a public parameterless constructor.
/// </summary>
public interface IMapReduceApplication
{
    IEnumerable<KeyValuePair<string, string>> Map(string fileName, string contents, MapReduceTaskInfo task);

    string Reduce(string key, IReadOnlyList<string> values, MapReduceTaskInfo task);
}
