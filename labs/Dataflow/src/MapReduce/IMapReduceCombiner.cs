namespace StatelessMind.Dataflow.MapReduce;

/// <summary>An application whose reduce can also run on the map side (the paper's combiner function): each map task
/// then writes one pair per key instead of one per occurrence. Correct only if combining partial results gives the
/// same answer as reducing everything at once.</summary>
public interface IMapReduceCombiner
{
    string Combine(string key, IReadOnlyList<string> values);
}
